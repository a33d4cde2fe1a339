import type { OktaConfig } from '../config/okta-schema';
import { mapGroups } from './group-map';
import { OktaApi, describeOktaError, type OktaReply } from './okta-api';
import { pollPush } from './okta-push';
import { Steps, type OktaFactor } from './okta-steps';
import type { AuthBackend, AuthService, BackendResult, Credentials } from './types';

export const OKTA_CHAP_NEEDS_CLEARTEXT =
  'Okta cannot check CHAP/MS-CHAP: the Authn API needs the cleartext password; use PAP or ASCII';

/** Okta factor types (Factors API "factorType") this backend can drive from a device login. */
const TOTP = 'token:software:totp';
const PUSH = 'push';

/**
 * Device logins against Okta's Authentication API (developer.okta.com/docs/reference/api/authn) as a
 * trusted application with an SSWS API token: primary authentication (POST /api/v1/authn), then
 * the MFA factor Okta asks for — Okta Verify push (sent, then polled until approved, rejected,
 * timed out at Okta or at `pushTimeoutS`) or a TOTP code (a challenge the protocol asks the user,
 * answered with POST /api/v1/authn/factors/{id}/verify). Groups come from the Users API.
 * The API token and state tokens never appear in reasons.
 */
export class OktaBackend implements AuthBackend {
  readonly type = 'okta' as const;
  readonly name: string;
  readonly api: OktaApi;

  constructor(readonly cfg: OktaConfig) {
    this.name = cfg.name;
    this.api = new OktaApi(cfg);
  }

  async authenticate(
    username: string,
    credentials: Credentials,
    service: AuthService,
  ): Promise<BackendResult> {
    const s = new Steps(this.name);
    if (credentials.kind === 'challenge') {
      s.add(`${OKTA_CHAP_NEEDS_CLEARTEXT} (${credentials.method} for ${username})`);
      return s.result('deny');
    }
    if (username === '' || credentials.password === '') {
      s.add('empty username or password refused');
      return s.result('deny');
    }
    if (service === 'enable') s.add('enable: checked against the Okta password (Okta has no enable secret)');
    const r = await this.api.post('/api/v1/authn', {
      username,
      password: credentials.password,
      options: { multiOptionalFactorEnroll: false, warnBeforePasswordExpired: false },
    });
    const hide = [credentials.password];
    if (!r.ok) return this.#authnFailed(s, username, r, hide);
    const body = r.body;
    const state = String(body.status ?? '');
    const user = embedded(body).user as { id?: string } | undefined;
    switch (state) {
      case 'SUCCESS':
        s.add(`primary authentication of ${username}: SUCCESS in ${r.ms} ms (no MFA required)`);
        return this.#allow(s, user?.id);
      case 'MFA_REQUIRED':
        s.add(`primary authentication of ${username}: password ok, MFA_REQUIRED in ${r.ms} ms`);
        return this.#mfa(s, body, user?.id);
      case 'LOCKED_OUT':
        s.add(`primary authentication of ${username}: LOCKED_OUT in ${r.ms} ms (unlock the account in Okta)`);
        return s.result('deny');
      case 'PASSWORD_EXPIRED':
        s.add(
          `primary authentication of ${username}: PASSWORD_EXPIRED in ${r.ms} ms (the user must change it in Okta)`,
        );
        return s.result('deny');
      case 'MFA_ENROLL':
        s.add(
          `primary authentication of ${username}: MFA_ENROLL in ${r.ms} ms (the user must enroll a factor in Okta first)`,
        );
        return s.result('deny');
      default:
        s.add(
          `primary authentication of ${username}: ${state || 'no status'} in ${r.ms} ms, which a device login cannot complete`,
        );
        return s.result('deny');
    }
  }

  async lookup(username: string): Promise<BackendResult> {
    const s = new Steps(this.name);
    const r = await this.api.get(`/api/v1/users/${encodeURIComponent(username)}`);
    if (!r.ok && r.status === 404) {
      s.add(`no Okta user "${username}" (GET /api/v1/users → 404 in ${r.ms} ms)`);
      return s.result('unknown-user');
    }
    if (!r.ok) {
      s.add(`user lookup failed: ${this.#why(r)} in ${r.ms} ms`);
      return s.result('error');
    }
    s.add(`user ${username} found (${String(r.body.status ?? 'status unknown')}) in ${r.ms} ms`);
    return this.#allow(s, typeof r.body.id === 'string' ? r.body.id : undefined);
  }

  /** Health: an authenticated call as cheap as Okta has (one group), which checks reachability and the token. */
  async probe(): Promise<BackendResult> {
    const s = new Steps(this.name);
    const r = await this.api.get('/api/v1/groups?limit=1');
    if (r.ok) s.add(`${this.cfg.orgUrl} answered GET /api/v1/groups with the API token in ${r.ms} ms`);
    else s.add(`${this.cfg.orgUrl}: ${this.#why(r)} in ${r.ms} ms`);
    return s.result(r.ok ? 'allow' : 'error');
  }

  async close(): Promise<void> {}

  /** 401 E0000004 is both "no such user" and "wrong password": the Users API tells them apart. */
  async #authnFailed(
    s: Steps,
    username: string,
    r: Exclude<OktaReply, { ok: true }>,
    hide: string[],
  ): Promise<BackendResult> {
    if ('failure' in r) {
      s.add(`POST /api/v1/authn failed: ${this.api.redact(r.failure, hide)} in ${r.ms} ms`);
      return s.result('error');
    }
    const said = this.api.redact(describeOktaError(r.status, r.error), hide);
    if (r.error.errorCode !== 'E0000004') {
      s.add(`primary authentication of ${username}: ${said} in ${r.ms} ms`);
      return s.result('error');
    }
    const who = await this.api.get(`/api/v1/users/${encodeURIComponent(username)}`);
    if (!who.ok && who.status === 404) {
      s.add(
        `primary authentication: ${said} in ${r.ms} ms; no Okta user "${username}" (Users API 404 in ${who.ms} ms)`,
      );
      return s.result('unknown-user');
    }
    s.add(
      `primary authentication of ${username}: ${said} in ${r.ms} ms (wrong password, or a sign-on policy refused it)`,
    );
    return s.result('deny');
  }

  async #mfa(s: Steps, body: Record<string, unknown>, userId?: string): Promise<BackendResult> {
    const stateToken = String(body.stateToken ?? '');
    const factors = (embedded(body).factors as OktaFactor[] | undefined) ?? [];
    const order = this.cfg.preferFactor === 'push' ? [PUSH, TOTP] : [TOTP, PUSH];
    const factor = order.map((t) => factors.find((f) => f.factorType === t)).find(Boolean);
    if (!factor) {
      const have = factors.map((f) => f.factorType).join(', ') || 'none';
      s.add(`no usable factor: enrolled ${have}; a device login can use push or ${TOTP}`);
      return s.result('deny');
    }
    if (factor.factorType === PUSH) {
      const ok = await pollPush(this.api, this.cfg, s, factor, stateToken);
      return ok ? this.#allow(s, userId) : s.result('deny');
    }
    s.add(`factor ${TOTP} (${factor.provider ?? 'OKTA'}) chosen: the code is asked for`);
    let spent = false;
    return {
      ...s.result('challenge'),
      challenge: {
        prompt: 'Okta verification code: ',
        factor: `Okta TOTP (${factor.provider ?? 'OKTA'})`,
        answer: async (code) => {
          const a = new Steps(this.name);
          if (spent) {
            a.add('this challenge was already answered');
            return a.result('deny');
          }
          spent = true;
          const v = await this.api.post(`/api/v1/authn/factors/${encodeURIComponent(factor.id)}/verify`, {
            stateToken,
            passCode: code,
          });
          if (v.ok && v.body.status === 'SUCCESS') {
            a.add(`TOTP code accepted by Okta in ${v.ms} ms`);
            return this.#allow(a, userId);
          }
          const why = v.ok ? `status ${String(v.body.status)}` : this.#why(v, [code]);
          a.add(`TOTP code refused by Okta: ${why} in ${v.ms} ms`);
          return a.result(v.ok || v.status === 403 || v.status === 401 ? 'deny' : 'error');
        },
      },
    };
  }

  async #allow(s: Steps, userId: string | undefined): Promise<BackendResult> {
    if (!this.cfg.groups) return s.result('allow');
    if (!userId) {
      s.add('no user id in the answer: groups not fetched');
      return s.result('allow');
    }
    const g = await this.api.get(`/api/v1/users/${encodeURIComponent(userId)}/groups`);
    if (!g.ok) {
      s.add(`groups not fetched: ${this.#why(g)} in ${g.ms} ms`);
      return s.result('allow');
    }
    // GET /api/v1/users/{id}/groups answers a JSON array of Group objects (name in profile.name).
    const list: { profile?: { name?: string } }[] = Array.isArray(g.body) ? g.body : [];
    const names = list.map((x) => x.profile?.name).filter((n): n is string => typeof n === 'string');
    s.add(`Okta groups fetched in ${g.ms} ms`);
    const mapped = mapGroups('Okta', names, this.cfg.groupMap);
    s.add(mapped.reason);
    return s.result('allow', mapped.groups);
  }

  #why(r: Exclude<OktaReply, { ok: true }>, hide: string[] = []): string {
    return this.api.redact('failure' in r ? r.failure : describeOktaError(r.status, r.error), hide);
  }
}

function embedded(body: Record<string, unknown>): Record<string, unknown> {
  const e = body._embedded;
  return e && typeof e === 'object' ? (e as Record<string, unknown>) : {};
}
