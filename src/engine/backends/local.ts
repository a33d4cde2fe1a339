import type { UserConfig } from '../config/schema';
import type { AuthBackend, AuthService, BackendResult, Credentials } from './types';

/** The lab file's users. CHAP and MS-CHAP work here because the lab holds cleartext lab passwords. */
export class LocalBackend implements AuthBackend {
  readonly type = 'local' as const;
  readonly #users: Map<string, UserConfig>;

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
    const how = credentials.kind === 'password' ? what : `${credentials.method} response`;
    return {
      status: ok ? 'allow' : 'deny',
      groups: u.groups,
      reasons: [`local: ${how} ${ok ? 'correct' : 'incorrect'} for ${username}`],
      ms: 0,
    };
  }

  async lookup(username: string): Promise<BackendResult> {
    const u = this.#users.get(username);
    if (!u) return { status: 'unknown-user', groups: [], reasons: [`local: no user "${username}"`], ms: 0 };
    return { status: 'allow', groups: u.groups, reasons: [`local: user ${username} found`], ms: 0 };
  }

  async close(): Promise<void> {}
}
