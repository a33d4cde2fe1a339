import type { Credentials } from '../../backends/types';
import type { TacacsConfig } from '../../config/schema';
import type { AuthenTypeLabel } from '../../metrics/registry';
import { deny, type Decision } from '../../policy/decision';
import { enableDecision } from '../../policy/enable';
import type { DeviceMatch } from '../../policy/devices';
import type { Policy } from '../../policy/policy';
import type { AuthenContinue, AuthenReply, AuthenStart } from '../codec/authen-body';
import { challengeCredentials } from './authen-credentials';
import {
  AuthenAction,
  AuthenService,
  AuthenStatus,
  AuthenType,
  ContinueFlags,
  ReplyFlags,
  nameOf,
} from '../codec/constants';

export interface SessionEnv {
  policy: Policy;
  device: DeviceMatch;
  config: Pick<TacacsConfig, 'loginRetries' | 'chpass'>;
}

/** One step of an authentication session: the REPLY to send and what the trace and metrics need. */
export interface AuthenStep {
  reply: Omit<AuthenReply, 'kind'>;
  done: boolean;
  decision?: Decision;
  user?: string;
}

/** A step, or its promise when a backend needs I/O (the local backend answers synchronously). */
export type MaybeStep = AuthenStep | Promise<AuthenStep>;

type Phase = 'user' | 'pass' | 'old' | 'new' | 'code' | 'done';

const EMPTY = new Uint8Array(0);
const reply = (
  status: number,
  serverMsg = '',
  flags = 0,
  data: Uint8Array = EMPTY,
): Omit<AuthenReply, 'kind'> => ({ status, flags, serverMsg, data });

/** "pap", "mschapv2": the metrics label for an authen_type (a table: no string work per auth). */
const TYPE_LABELS = new Map(
  Object.values(AuthenType).map((t) => [t as number, nameOf(AuthenType, t).toLowerCase() as AuthenTypeLabel]),
);
export const typeLabel = (t: number): AuthenTypeLabel => TYPE_LABELS.get(t) ?? 'unknown';

/**
 * RFC 8907 §5.4 authentication, one instance per session_id: START, then CONTINUEs for the ASCII
 * dialogs (GETUSER/GETPASS with NOECHO, retries up to `loginRetries`, ABORT), PAP/CHAP/MS-CHAP in
 * one round trip, service LOGIN and ENABLE (enable password and priv-lvl check), CHPASS per config.
 */
export class AuthenSession {
  #phase: Phase = 'done';
  #start?: AuthenStart;
  #user = '';
  #password?: string;
  #failures = 0;
  /** The first factor's decision while the ASCII dialog waits for the second (TOTP code). */
  #pendingFactor?: Decision;

  constructor(readonly env: SessionEnv) {}

  /** The next CONTINUE answers GETUSER (its user_msg is a username, safe to show in the trace). */
  get expectsUser(): boolean {
    return this.#phase === 'user';
  }

  get start(): AuthenStart | undefined {
    return this.#start;
  }

  onStart(s: AuthenStart): MaybeStep {
    this.#start = s;
    this.#user = s.user;
    if (s.action === AuthenAction.SENDAUTH) {
      // §10.5.3: SENDAUTH hands credentials to the client for outbound authentication; a lab never does.
      return this.#end(
        reply(
          AuthenStatus.FAIL,
          'SENDAUTH is not supported: AAA Lab never hands out credentials (RFC 8907 §10.5.3)',
        ),
      );
    }
    if (s.action !== AuthenAction.LOGIN && s.action !== AuthenAction.CHPASS) {
      return this.#end(reply(AuthenStatus.ERROR, `unknown authentication action 0x${s.action.toString(16)}`));
    }
    if (s.action === AuthenAction.CHPASS) return this.#chpassStart(s);
    switch (s.authenType) {
      case AuthenType.ASCII:
        // RFC 8907 §5.4.2.1: ASCII login has no data in START; the password is always asked with
        // GETPASS (as tac_plus-ng does), so a START carrying one never passes in one round trip.
        return this.#askOrCheck();
      case AuthenType.PAP:
        if (!s.user) return this.#end(reply(AuthenStatus.ERROR, 'PAP START without a user name'));
        return this.#check({ kind: 'password', password: Buffer.from(s.data).toString('utf8') }, false);
      case AuthenType.CHAP:
      case AuthenType.MSCHAP:
      case AuthenType.MSCHAPV2:
        return this.#challenge(s);
      case AuthenType.ARAP:
        return this.#end(reply(AuthenStatus.FAIL, 'ARAP is deprecated (RFC 8907 §10.5.3) and not supported'));
      default:
        return this.#end(reply(AuthenStatus.ERROR, `unknown authen_type 0x${s.authenType.toString(16)}`));
    }
  }

  onContinue(c: AuthenContinue): MaybeStep {
    if (c.flags & ContinueFlags.ABORT) {
      const why = Buffer.from(c.data).toString('utf8');
      return this.#end(
        reply(AuthenStatus.FAIL, 'session aborted by the client'),
        deny([`client aborted the session${why ? `: ${why}` : ''}`]),
      );
    }
    switch (this.#phase) {
      case 'user':
        this.#user = c.userMsg.trim();
        if (!this.#user) return this.#retry('empty user name', 'user');
        if (this.#start?.action === AuthenAction.CHPASS) return this.#ask('old');
        return this.#askOrCheck();
      case 'pass':
        this.#password = c.userMsg;
        return this.#askOrCheck();
      case 'old':
        this.#password = c.userMsg;
        return this.#chpassOld();
      case 'code': {
        const first = this.#pendingFactor!;
        this.#pendingFactor = undefined;
        const d = this.env.policy.completeFactor(first, c.userMsg);
        return d instanceof Promise ? d.then((x) => this.#decided(x, true)) : this.#decided(d, true);
      }
      case 'new':
        if (!c.userMsg) return this.#end(reply(AuthenStatus.FAIL, 'empty new password'));
        return this.#end(
          reply(AuthenStatus.PASS, 'Password change accepted (AAA Lab does not store it)'),
          undefined,
        );
      default:
        return this.#end(reply(AuthenStatus.ERROR, 'CONTINUE for a session that is not waiting for input'));
    }
  }

  #service(): 'login' | 'enable' {
    return this.#start?.service === AuthenService.ENABLE ? 'enable' : 'login';
  }

  #askOrCheck(): MaybeStep {
    if (!this.#user) return this.#ask('user');
    if (this.#password === undefined) return this.#ask('pass');
    const password = this.#password;
    this.#password = undefined;
    return this.#check({ kind: 'password', password }, true);
  }

  #ask(what: 'user' | 'pass' | 'old' | 'new', prefix = ''): AuthenStep {
    this.#phase = what;
    if (what === 'user') return { reply: reply(AuthenStatus.GETUSER, `${prefix}Username: `), done: false };
    const prompt = what === 'old' ? 'Old password: ' : what === 'new' ? 'New password: ' : 'Password: ';
    const status = what === 'new' ? AuthenStatus.GETDATA : AuthenStatus.GETPASS;
    return { reply: reply(status, prefix + prompt, ReplyFlags.NOECHO), done: false, user: this.#user };
  }

  #check(credentials: Credentials, ascii: boolean, data?: () => Uint8Array | undefined): MaybeStep {
    const env = this.env;
    const req = { device: env.device, username: this.#user, credentials, service: this.#service() };
    const now = env.policy.authenticateNow(req);
    if (now) return this.#decided(now, ascii, data);
    return env.policy.authenticate(req).then((d) => this.#decided(d, ascii, data));
  }

  #decided(decision: Decision, ascii: boolean, data?: () => Uint8Array | undefined): AuthenStep {
    if (decision.pending) return this.#askFactor(decision, ascii);
    const d = this.#service() === 'enable' ? enableDecision(decision, this.#start?.privLvl ?? 0) : decision;
    if (d.allow) return this.#end(reply(AuthenStatus.PASS, '', 0, data?.() ?? EMPTY), d);
    if (ascii) return this.#retry('Authentication failed', 'pass', d);
    return this.#end(reply(AuthenStatus.FAIL, 'Authentication failed'), d);
  }

  /**
   * A second factor is due: ASCII asks for the code with GETDATA and NOECHO (RFC 8907 §5.4.2.1: the
   * server may ask for any data); single-round-trip types cannot be asked and fail with the reason.
   */
  #askFactor(d: Decision, ascii: boolean): AuthenStep {
    if (!ascii) {
      const why =
        'a second factor is required and this authen_type cannot be asked for it (use ASCII login, or mfa.totp: append)';
      return this.#end(
        reply(AuthenStatus.FAIL, 'Authentication failed'),
        deny([...d.reasons, why], { user: d.user }),
      );
    }
    this.#pendingFactor = d;
    this.#phase = 'code';
    const prompt = d.pending!.prompt;
    return {
      reply: reply(AuthenStatus.GETDATA, prompt, ReplyFlags.NOECHO),
      done: false,
      user: this.#user,
      decision: d,
    };
  }

  #retry(message: string, ask: 'user' | 'pass', d?: Decision): AuthenStep {
    this.#failures += 1;
    if (this.#failures >= this.env.config.loginRetries) {
      const reasons = [...(d?.reasons ?? [message]), `${this.#failures} failed attempt(s): session failed`];
      return this.#end(reply(AuthenStatus.FAIL, message), deny(reasons, { user: d?.user }));
    }
    return { ...this.#ask(ask, `${message}, try again.\n`), decision: d };
  }

  #challenge(s: AuthenStart): MaybeStep {
    if (!s.user)
      return this.#end(reply(AuthenStatus.ERROR, `${typeLabel(s.authenType)} START without a user name`));
    const parsed = challengeCredentials(s.authenType, s.user, s.data);
    if (!parsed.ok) return this.#end(reply(AuthenStatus.ERROR, parsed.reason), deny([parsed.reason]));
    // MS-CHAPv2: the PASS reply carries the authenticator response "S=…" so the peer can verify us.
    return this.#check(parsed.credentials, false, () => {
      const s2 = parsed.authenticatorResponse();
      return s2 ? Buffer.from(s2, 'ascii') : undefined;
    });
  }

  #chpassStart(s: AuthenStart): AuthenStep {
    if (this.env.config.chpass === 'deny') {
      return this.#end(
        reply(AuthenStatus.FAIL, 'Password change is not allowed by this lab (tacacs.chpass: deny)'),
        deny(['CHPASS refused: tacacs.chpass is deny']),
      );
    }
    if (s.authenType !== AuthenType.ASCII)
      return this.#end(reply(AuthenStatus.FAIL, 'CHPASS is supported for ASCII only'));
    return this.#user ? this.#ask('old') : this.#ask('user');
  }

  async #chpassOld(): Promise<AuthenStep> {
    const d = await this.env.policy.authenticate({
      device: this.env.device,
      username: this.#user,
      credentials: { kind: 'password', password: this.#password ?? '' },
      service: 'login',
    });
    this.#password = undefined;
    if (!d.allow) return this.#end(reply(AuthenStatus.FAIL, 'Old password incorrect'), d);
    return { ...this.#ask('new'), decision: d };
  }

  #end(r: Omit<AuthenReply, 'kind'>, decision?: Decision): AuthenStep {
    this.#phase = 'done';
    return { reply: r, done: true, decision, user: this.#user || undefined };
  }
}
