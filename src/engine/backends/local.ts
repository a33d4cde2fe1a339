import type { UserConfig } from '../config/schema';
import type { AuthBackend, AuthService, BackendResult, Credentials } from './types';

/** The lab file's users. CHAP and MS-CHAP work here because the lab holds cleartext lab passwords. */
export class LocalBackend implements AuthBackend {
  readonly type = 'local' as const;
  readonly #users: Map<string, UserConfig>;
  readonly #verdicts = new WeakMap<UserConfig, Map<string, BackendResult>>();

  constructor(
    users: readonly UserConfig[],
    readonly name = 'local',
  ) {
    this.#users = new Map(users.map((u) => [u.username, u]));
  }

  async authenticate(
    username: string,
    credentials: Credentials,
    service: AuthService,
  ): Promise<BackendResult> {
    return this.check(username, credentials, service);
  }

  /** Synchronous core, so the hot path (and the benchmarks) avoid a promise per check where possible. */
  check(username: string, credentials: Credentials, service: AuthService): BackendResult {
    const u = this.#users.get(username);
    if (!u) return { status: 'unknown-user', groups: [], reasons: [`local: no user "${username}"`], ms: 0 };
    if (u.disabled)
      return { status: 'deny', groups: u.groups, reasons: [`local: user ${username} is disabled`], ms: 0 };
    const stored = service === 'enable' ? u.enable : u.password;
    const what = service === 'enable' ? 'enable password' : 'password';
    if (!stored) {
      return {
        status: 'deny',
        groups: u.groups,
        reasons: [`local: user ${username} has no ${what} configured`],
        ms: 0,
      };
    }
    const ok =
      credentials.kind === 'password'
        ? stored.equals(credentials.password)
        : credentials.verify(stored.reveal());
    return this.#verdict(u, credentials.kind === 'password' ? what : credentials.method, ok);
  }

  /**
   * The answer for a user, a check and its outcome: the same frozen object every time (this runs
   * for every authentication; its reason string and arrays were fresh garbage each time).
   */
  #verdict(u: UserConfig, how: string, ok: boolean): BackendResult {
    let byCheck = this.#verdicts.get(u);
    if (!byCheck) this.#verdicts.set(u, (byCheck = new Map()));
    const key = ok ? how : `${how}\n!`;
    let r = byCheck.get(key);
    if (!r) {
      const what = how === 'password' || how === 'enable password' ? how : `${how} response`;
      r = Object.freeze({
        status: ok ? 'allow' : 'deny',
        groups: u.groups,
        reasons: Object.freeze([`local: ${what} ${ok ? 'correct' : 'incorrect'} for ${u.username}`]),
        ms: 0,
      });
      byCheck.set(key, r);
    }
    return r;
  }

  async lookup(username: string): Promise<BackendResult> {
    const u = this.#users.get(username);
    if (!u) return { status: 'unknown-user', groups: [], reasons: [`local: no user "${username}"`], ms: 0 };
    return { status: 'allow', groups: u.groups, reasons: [`local: user ${username} found`], ms: 0 };
  }

  /** Health: the users come from the lab file, already parsed; nothing can be unreachable. */
  async probe(): Promise<BackendResult> {
    return {
      status: 'allow',
      groups: [],
      reasons: [`${this.name}: ${this.#users.size} users from the lab file`],
      ms: 0,
    };
  }

  async close(): Promise<void> {}
}
