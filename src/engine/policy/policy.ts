import { BoundedMemo } from '../bounded';
import type { GroupConfig } from '../config/schema';
import type { LoadedLab } from '../config/loaded-lab';
import type { AuthBackend, AuthService, BackendResult, Credentials } from '../backends/types';
import { commandLine, matchCommand } from './commands';
import { deny, withProfile, type Decision, type RadiusReplyValue } from './decision';
import { describeDevice, type DeviceMatch } from './devices';
import type { AuthenRequest } from './authen-request';
import { normalizeMac } from './mac';
import { MabIndex, mabStep } from './mab';
import { UserReplies } from './user-reply';
import { TotpFactor } from './mfa';
import { backendChallenge, completeBackendFactor } from './backend-factor';

export interface AuthorRequest {
  device?: DeviceMatch;
  username: string;
  /** Whole command line ("configure terminal"); absent for exec/shell authorization. */
  command?: string;
  /** TACACS+ form: cmd and cmd-args; joined with `commandLine` (drops `<cr>` and empty args). */
  cmd?: string;
  args?: string[];
}

/** Cached per group set and shared by every Decision that uses it: frozen, read-only. */
interface Grant {
  readonly steps: readonly string[];
  readonly groups: readonly string[];
  readonly privLvl?: number;
  readonly avPairs: readonly string[];
  readonly radiusReply: Decision['radiusReply'];
}

/**
 * Policy over one loaded lab and its backend chain. Pure apart from the backends' I/O: every answer
 * is a Decision whose reasons walk device → backend → user → group → rule.
 */
export class Policy {
  readonly #groups: Map<string, GroupConfig>;
  /** Group sets come from backends (directory groups): bounded. */
  readonly #grants = new BoundedMemo<string, Grant>(1024);
  /** Decisions by backend result, device, service and user name (see #authenCached). */
  readonly #decided = new WeakMap<
    BackendResult,
    WeakMap<object, Map<AuthService, BoundedMemo<string, Decision>>>
  >();
  readonly #replies: UserReplies;
  readonly #mab: MabIndex;
  readonly #totp: TotpFactor;

  constructor(
    readonly lab: LoadedLab,
    readonly backends: readonly AuthBackend[],
  ) {
    this.#groups = new Map(lab.config.groups.map((g) => [g.name, g]));
    this.#replies = new UserReplies(lab.config.users);
    this.#mab = new MabIndex(lab.config.mab);
    this.#totp = new TotpFactor(lab);
  }

  /**
   * MAC Authentication Bypass (Service-Type Call-Check): a MAC in a `mab` list gets its group;
   * otherwise a user named by the MAC in the backends is authorized as one (no password: the
   * switch sends the MAC itself as one).
   */
  async mab(req: { device?: DeviceMatch; sent: string }): Promise<Decision> {
    const steps = [deviceStep(req.device), mabStep(req.sent)];
    const hit = this.#mab.lookup(req.sent);
    if (hit)
      return withProfile(
        this.#grant(req.sent, [hit.group], [...steps, `in mab[${hit.index}]`], 'mab', 'MAB accepted'),
      );
    let d = await this.authorize({ device: req.device, username: req.sent });
    const mac = normalizeMac(req.sent);
    if (!d.allow && mac && mac !== req.sent) d = await this.authorize({ device: req.device, username: mac });
    const rest = d.reasons.slice(1, -1);
    const verdict = d.allow
      ? 'MAB accepted: known as a user'
      : 'MAB refused: not in any mab list nor a known user';
    return withProfile({ ...d, reasons: [...steps, ...rest, verdict] });
  }

  device(address: string): DeviceMatch | undefined {
    return this.lab.devices.lookup(address);
  }

  groups(names: readonly string[]): GroupConfig[] {
    return names.map((n) => this.#groups.get(n)).filter((g): g is GroupConfig => g !== undefined);
  }

  async authenticate(req: AuthenRequest): Promise<Decision> {
    if (this.#totp.wants(req)) return this.#totp.first(req, (r) => this.#authenticate(r));
    return this.#authenticate(req);
  }

  /** The second factor's answer to a decision with `pending` (TotpFactor, or the backend that asked). */
  completeFactor(pending: Decision, code: string): Decision | Promise<Decision> {
    const answer = pending.pending?.answer;
    if (answer)
      return completeBackendFactor(pending, code, answer, (user, steps, groups) =>
        this.#grant(user, groups, steps, pending.backend, 'authentication passed'),
      );
    return this.#totp.complete(pending, code);
  }

  /** How a user with a second factor is asked for it ('challenge') or gives it ('append'). */
  get mfaMode(): 'challenge' | 'append' {
    return this.#totp.mode;
  }

  async #authenticate(req: AuthenRequest): Promise<Decision> {
    const service = req.service ?? 'login';
    const r = await this.#chain((b) => b.authenticate(req.username, req.credentials, service));
    return this.#authenDecision(req, service, r);
  }

  /**
   * The same answer as `authenticate`, without a promise, when every backend the chain consults
   * answers synchronously (the local backend's `check`); undefined when one would need I/O (LDAP,
   * OIDC), and the caller falls back to `authenticate`. Protocol hot paths use it first.
   */
  authenticateNow(req: AuthenRequest): Decision | undefined {
    if (this.#totp.wants(req)) return undefined; // a second factor: the async path
    const service = req.service ?? 'login';
    let reasons: string[] | undefined; // from backends that did not know the user; rare
    for (const b of this.backends) {
      if (!isSync(b)) return undefined;
      let res: BackendResult;
      try {
        res = b.check(req.username, req.credentials, service);
      } catch (e) {
        res = { status: 'error', groups: [], reasons: [`${b.name}: ${(e as Error).message}`], ms: 0 };
      }
      if (res.status === 'unknown-user' || res.status === 'error') {
        (reasons ??= []).push(...res.reasons);
        continue;
      }
      if (!reasons) return this.#authenCached(req, service, res, b.name);
      return this.#authenDecision(req, service, {
        result: res,
        reasons: [...reasons, ...res.reasons],
        backend: b.name,
      });
    }
    return this.#authenDecision(req, service, { reasons: reasons ?? ['no backend configured'] });
  }

  /**
   * The first backend's answer as a Decision, made once per backend result (the local backend
   * returns one frozen result per user, check and outcome), device, service and user name: the
   * same login repeats the same Decision, frozen, so its reasons are one array the trace can keep
   * by reference (trace/intern.ts) rather than a fresh array of steps per packet.
   */
  #authenCached(req: AuthenRequest, service: AuthService, res: BackendResult, backend: string): Decision {
    let byDevice = this.#decided.get(res);
    if (!byDevice) this.#decided.set(res, (byDevice = new WeakMap()));
    const device = req.device ?? NO_DEVICE;
    let byService = byDevice.get(device);
    if (!byService) byDevice.set(device, (byService = new Map()));
    let byUser = byService.get(service);
    if (!byUser) byService.set(service, (byUser = new BoundedMemo(DECISIONS_PER_SERVICE)));
    let d = byUser.get(req.username);
    if (!d) {
      d = freeze(this.#authenDecision(req, service, { result: res, reasons: res.reasons, backend }));
      byUser.set(req.username, d);
    }
    return d;
  }

  #authenDecision(
    req: AuthenRequest,
    service: AuthService,
    r: { result?: BackendResult; reasons: readonly string[]; backend?: string },
  ): Decision {
    const device = deviceStep(req.device);
    const user = userStep(req.username);
    if (r.result?.status === 'challenge' && r.result.challenge)
      return backendChallenge([device, user, ...r.reasons], req.username, r.backend, r.result.challenge);
    if (r.result?.status !== 'allow')
      return deny([device, user, ...r.reasons, 'authentication failed'], {
        user: req.username,
        backend: r.backend,
      });
    const g = this.#granted(r.result.groups);
    return this.#allow(
      req.username,
      [
        device,
        user,
        ...r.reasons,
        ...g.steps,
        service === 'enable' ? 'enable granted' : 'authentication passed',
      ],
      g,
      r.backend,
    );
  }

  async authorize(req: AuthorRequest): Promise<Decision> {
    const start = prefix(req.device);
    const r = await this.#chain((b) => b.lookup(req.username));
    const steps = [...start, `user ${req.username}`];
    if (r.result?.status !== 'allow')
      return deny([...steps, ...r.reasons, 'user not known to any backend'], { user: req.username });
    const line = req.command ?? (req.cmd !== undefined ? commandLine(req.cmd, req.args ?? []) : undefined);
    if (line === undefined || line === '') {
      return this.#grant(req.username, r.result.groups, steps, r.backend, 'exec authorized');
    }
    return this.#decideCommand(req.username, r.result.groups, steps, line, r.backend);
  }

  #decideCommand(
    user: string,
    groupNames: readonly string[],
    steps: string[],
    line: string,
    backend?: string,
  ): Decision {
    const groups = this.groups(groupNames);
    const base = { user, groups: groups.map((g) => g.name), backend };
    if (groups.length === 0) return deny([...steps, 'no groups: commands are denied'], base);
    const hit = matchCommand(groups, line);
    if (!hit) {
      return deny(
        [...steps, `groups ${base.groups.join(', ')}`, `no rule matched \`${line}\` (default deny)`],
        base,
      );
    }
    const reasons = [
      ...steps,
      `group ${hit.group}`,
      `rule ${hit.index} \`${hit.action} ${hit.pattern}\` matched \`${line}\``,
    ];
    if (hit.action === 'deny') return deny(reasons, base);
    return { allow: true, reasons, avPairs: [], radiusReply: [], ...base, privLvl: maxPriv(groups) };
  }

  #grant(
    user: string,
    groupNames: readonly string[],
    steps: string[],
    backend: string | undefined,
    verdict: string,
  ): Decision {
    const g = this.#granted(groupNames);
    return this.#allow(user, [...steps, ...g.steps, verdict], g, backend);
  }

  #allow(user: string, reasons: string[], g: Grant, backend: string | undefined): Decision {
    return this.#replies.apply({
      allow: true,
      reasons,
      user,
      groups: g.groups,
      privLvl: g.privLvl,
      avPairs: g.avPairs,
      radiusReply: g.radiusReply,
      backend,
    });
  }

  /**
   * What a set of groups grants, computed once per set (a Policy lives as long as its lab): every
   * accept then shares the same frozen arrays, which protocol code may cache encodings against.
   */
  #granted(groupNames: readonly string[]): Grant {
    const key = groupNames.join('\n');
    let g = this.#grants.get(key);
    if (g) return g;
    const groups = this.groups(groupNames);
    const missing = groupNames.filter((n) => !this.#groups.has(n));
    const avPairs: string[] = [];
    const seen = new Set<string>();
    const radiusReply: [string, RadiusReplyValue][] = [];
    for (const grp of groups) {
      for (const [k, v] of Object.entries(grp.tacacsShell)) {
        if (!seen.has(k)) avPairs.push(`${k}=${v}`);
        seen.add(k);
      }
      for (const [k, v] of Object.entries(grp.radiusReply)) {
        for (const one of Array.isArray(v) ? v : [v]) radiusReply.push([k, one]);
      }
    }
    g = {
      steps: [
        groups.length ? `group ${groups.map((x) => x.name).join(', ')}` : 'no lab group',
        ...(missing.length ? [`unmapped groups ignored: ${missing.join(', ')}`] : []),
      ],
      groups: Object.freeze(groups.map((x) => x.name)),
      privLvl: groups.length ? maxPriv(groups) : undefined,
      avPairs: Object.freeze(avPairs),
      radiusReply: Object.freeze(radiusReply),
    };
    return this.#grants.set(key, g);
  }

  /** Backends in order; the first that knows the user answers. Errors fall through but stay in the reasons. */
  async #chain(
    ask: (b: AuthBackend) => Promise<BackendResult>,
  ): Promise<{ result?: BackendResult; reasons: string[]; backend?: string }> {
    const reasons: string[] = [];
    for (const b of this.backends) {
      let res: BackendResult;
      try {
        res = await ask(b);
      } catch (e) {
        res = { status: 'error', groups: [], reasons: [`${b.name}: ${(e as Error).message}`], ms: 0 };
      }
      if (res.status === 'unknown-user' || res.status === 'error') {
        reasons.push(...res.reasons);
        continue;
      }
      return { result: res, reasons: [...reasons, ...res.reasons], backend: b.name };
    }
    if (reasons.length === 0) reasons.push('no backend configured');
    return { reasons };
  }
}

/** A backend that can answer `authenticate` without I/O (LocalBackend). */
interface SyncBackend extends AuthBackend {
  check(username: string, credentials: Credentials, service: AuthService): BackendResult;
}

const isSync = (b: AuthBackend): b is SyncBackend => typeof (b as Partial<SyncBackend>).check === 'function';

function prefix(device?: DeviceMatch): string[] {
  return [deviceStep(device)];
}

/** The first reason of every decision, made once per device match (matches are cached objects). */
/** User names whose decision #authenCached keeps per backend result, device and service. */
const DECISIONS_PER_SERVICE = 1024;

/** The WeakMap key of requests without a device (RadSec clients). */
const NO_DEVICE = {};

function freeze(d: Decision): Decision {
  Object.freeze(d.reasons);
  return Object.freeze(d);
}

const deviceSteps = new WeakMap<DeviceMatch, string>();
function deviceStep(device?: DeviceMatch): string {
  if (!device) return 'no device (direct check)';
  let step = deviceSteps.get(device);
  if (step === undefined) deviceSteps.set(device, (step = describeDevice(device)));
  return step;
}

const userSteps = new BoundedMemo<string, string>(4096);
const userStepText = (username: string): string => `user ${username}`;
function userStep(username: string): string {
  return userSteps.fetch(username, userStepText);
}

function maxPriv(groups: readonly GroupConfig[]): number {
  return groups.reduce((m, g) => Math.max(m, g.privLvl), 0);
}
