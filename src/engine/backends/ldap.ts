import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Client, ResultCodeError } from 'ldapts';
import { redact } from '../secret';
import { mapGroups } from './group-map';
import { describeLdapError, LdapTimeout } from './ldap-errors';
import {
  AmbiguousUser,
  DirectoryQueries,
  memberOfNames,
  type DirectoryUser,
  type LdapConfig,
} from './ldap-directory';
import { LdapPool } from './ldap-pool';
import type { AuthBackend, AuthService, BackendResult, Credentials } from './types';

export const CHAP_NEEDS_CLEARTEXT =
  'LDAP cannot check CHAP/MS-CHAP: needs a cleartext password; use PAP or ASCII';

export interface LdapOptions {
  /** PEM of the CA that signs the directory's certificate (LDAPS/StartTLS); system CAs otherwise. */
  ca?: Buffer;
  /** Set when the lab's tlsCa could not be read: every request answers 'error' with this text. */
  setupError?: string;
}

type Phase = 'connect' | 'StartTLS' | 'service bind' | 'user search' | 'user bind' | 'group search';

/** One request: its deadline, the phase it is in, and the steps it has taken (the Decision's reasons). */
class Attempt {
  readonly t0 = performance.now();
  readonly steps: string[] = [];
  readonly ac = new AbortController();
  phase: Phase = 'connect';
  #phaseT0 = this.t0;

  constructor(readonly prefix: string) {}

  mark(p: Phase): void {
    this.phase = p;
    this.#phaseT0 = performance.now();
  }

  /** Milliseconds since the current phase began. */
  phaseMs(): number {
    return Math.round(performance.now() - this.#phaseT0);
  }

  ms(): number {
    return Math.round(performance.now() - this.t0);
  }

  step(text: string): void {
    this.steps.push(`${this.prefix}: ${text}`);
  }

  result(status: BackendResult['status'], groups: string[] = []): BackendResult {
    // A copy: after a deadline the abandoned work may still add steps, which must not leak into this answer.
    return { status, groups, reasons: [...this.steps], ms: this.ms() };
  }
}

/**
 * Device logins against an LDAP directory: service bind → search the user → bind as the user's DN
 * with the given password → groups (group search and/or memberOf) → lab groups via groupMap.
 * Searches share a pool of service-bound connections; user binds use a second pool, because a bind
 * re-identifies its connection. Every request has one deadline (timeoutMs), which should be shorter
 * than the device's TACACS+/RADIUS timeout so that a dead directory yields a reasoned reject in time.
 */
export class LdapBackend implements AuthBackend {
  readonly type = 'ldap' as const;
  readonly name: string;
  readonly #q: DirectoryQueries;
  readonly #search: LdapPool<Attempt>;
  readonly #bind: LdapPool<Attempt>;
  readonly #url: URL;

  constructor(
    readonly cfg: LdapConfig,
    readonly opts: LdapOptions = {},
  ) {
    this.name = cfg.name;
    this.#url = new URL(cfg.url);
    this.#q = new DirectoryQueries(cfg);
    const size = cfg.poolSize;
    this.#search = new LdapPool({
      size,
      create: () => this.#client(),
      prepare: (c, a) => this.#prepare(c, a, true),
    });
    this.#bind = new LdapPool({
      size,
      create: () => this.#client(),
      prepare: (c, a) => this.#prepare(c, a, false),
    });
  }

  async authenticate(
    username: string,
    credentials: Credentials,
    service: AuthService,
  ): Promise<BackendResult> {
    return this.#run(async (a) => {
      const user = await this.#findUser(a, username);
      if (!user) return a.result('unknown-user');
      if (credentials.kind === 'challenge') {
        a.step(`${CHAP_NEEDS_CLEARTEXT} (${credentials.method} for ${username})`);
        return a.result('deny');
      }
      if (credentials.password === '') {
        // RFC 4513 §5.1.2: a simple bind with a DN and an empty password is an *unauthenticated*
        // bind that many servers report as success. It must never count as a login.
        a.step(`empty password refused for ${user.dn} (would be an unauthenticated bind, RFC 4513 §5.1.2)`);
        return a.result('deny');
      }
      if (service === 'enable')
        a.step('enable: checked against the directory password (LDAP has no enable secret)');
      a.mark('user bind');
      try {
        await this.#bind.use(
          (c) => (a.mark('user bind'), c.bind(user.dn, credentials.password)),
          a,
          a.ac.signal,
        );
      } catch (e) {
        if (!(e instanceof ResultCodeError)) throw e;
        a.step(`LDAP bind as ${user.dn} failed: ${describeLdapError(e).text} in ${a.phaseMs()} ms`);
        return a.result('deny');
      }
      a.step(`LDAP bind as ${user.dn} succeeded in ${a.phaseMs()} ms`);
      return a.result('allow', await this.#groups(a, user));
    });
  }

  /** Groups of a user for authorization: service-bound searches only, no password needed. */
  async lookup(username: string): Promise<BackendResult> {
    return this.#run(async (a) => {
      const user = await this.#findUser(a, username);
      if (!user) return a.result('unknown-user');
      return a.result('allow', await this.#groups(a, user));
    });
  }

  /** Health: a pooled connection (connect, StartTLS, service bind) and a base search of userBase. */
  async probe(): Promise<BackendResult> {
    return this.#run(async (a) => {
      await this.#search.use(
        (c) => (a.mark('user search'), c.search(this.cfg.userBase, { scope: 'base', attributes: ['1.1'] })),
        a,
        a.ac.signal,
      );
      a.step(`service bind and base search of ${this.cfg.userBase} in ${a.ms()} ms`);
      return a.result('allow');
    });
  }

  async close(): Promise<void> {
    await Promise.all([this.#search.close(), this.#bind.close()]);
  }

  async #findUser(a: Attempt, username: string): Promise<DirectoryUser | undefined> {
    const what = this.#q.describeUserSearch(username);
    if (username === '') {
      a.step('empty username');
      return undefined;
    }
    const r = await this.#search.use(
      (c) => (a.mark('user search'), this.#q.findUser(c, username)),
      a,
      a.ac.signal,
    );
    if (!r.found) a.step(`no entry ${what} (${a.phaseMs()} ms)`);
    else a.step(`found ${r.found.dn} (search ${what} in ${a.phaseMs()} ms)`);
    return r.found;
  }

  async #groups(a: Attempt, user: DirectoryUser): Promise<string[]> {
    const names: string[] = [];
    if (this.cfg.useMemberOf) names.push(...memberOfNames(user.memberOf));
    if (this.cfg.groupBase) {
      const found = await this.#search.use(
        (c) => (a.mark('group search'), this.#q.groupSearch(c, user)),
        a,
        a.ac.signal,
      );
      a.step(
        `group search ${this.#q.describeGroupSearch()}: ${found?.length ? found.join(', ') : 'none'} in ${a.phaseMs()} ms`,
      );
      names.push(...(found ?? []));
    } else if (!this.cfg.useMemberOf) {
      a.step('no groupBase and useMemberOf is off: no directory groups');
    }
    const mapped = mapGroups('LDAP', names, this.cfg.groupMap);
    a.step(mapped.reason);
    return mapped.groups;
  }

  /** Runs one request under the deadline and turns every failure into a reasoned 'error' or 'deny'. */
  async #run(fn: (a: Attempt) => Promise<BackendResult>): Promise<BackendResult> {
    const a = new Attempt(this.name);
    if (this.opts.setupError) {
      a.step(this.opts.setupError);
      return a.result('error');
    }
    if (this.cfg.startTls && this.#url.protocol === 'ldaps:') {
      a.step('startTls is set but the url is ldaps:// (already TLS): use one or the other');
      return a.result('error');
    }
    const timeout = this.cfg.timeoutMs;
    const timer = setTimeout(() => a.ac.abort(new LdapTimeout(timeout)), timeout);
    const aborted = new Promise<never>((_, reject) =>
      a.ac.signal.addEventListener('abort', () => reject(a.ac.signal.reason as Error), { once: true }),
    );
    try {
      return await Promise.race([fn(a), aborted]);
    } catch (e) {
      a.step(this.#explain(a, e));
      return a.result('error');
    } finally {
      clearTimeout(timer);
      if (!a.ac.signal.aborted) a.ac.abort(new Error('done'));
    }
  }

  #explain(a: Attempt, e: unknown): string {
    const ms = a.ms();
    if (e instanceof AmbiguousUser)
      return `user search is ambiguous: ${e.count} entries match; refusing to guess`;
    const f = describeLdapError(e, this.cfg.timeoutMs);
    const server = `LDAP server ${this.cfg.url}`;
    // Directory error text may echo what we sent; the service password must not reach a reason.
    const text = redact(f.text, [this.cfg.bindPassword]);
    if (f.kind === 'timeout') return `${server} timed out during ${a.phase}: ${text} (${ms} ms)`;
    if (f.kind === 'unreachable') return `${server} unreachable: ${text} in ${ms} ms`;
    if (f.kind === 'tls') return `${server} ${a.phase} failed: ${text} in ${ms} ms`;
    if (a.phase === 'service bind')
      return `LDAP service bind as ${this.cfg.bindDN} failed: ${text} in ${a.phaseMs()} ms`;
    if (a.phase === 'connect') return `${server}: ${text} in ${ms} ms`;
    return `LDAP ${a.phase} failed: ${text} in ${a.phaseMs()} ms`;
  }

  #client(): Client {
    const host = this.#url.hostname.replace(/^\[|\]$/g, '');
    return new Client({
      url: `${this.#url.protocol}//${this.#url.host}`,
      timeout: this.cfg.timeoutMs,
      connectTimeout: this.cfg.timeoutMs,
      // Only for ldaps://: ldapts opens a TLS socket whenever tlsOptions has a value, which would
      // break StartTLS on ldap:// (a TLS ClientHello to a plain LDAP port).
      tlsOptions:
        this.#url.protocol === 'ldaps:'
          ? { ca: this.opts.ca, servername: isIP(host) ? undefined : host }
          : undefined,
    });
  }

  /** A fresh connection: StartTLS first (nothing, not even the service DN, goes out in clear), then the service bind. */
  async #prepare(c: Client, a: Attempt, serviceBind: boolean): Promise<void> {
    if (this.cfg.startTls) {
      a.mark('StartTLS');
      const host = this.#url.hostname.replace(/^\[|\]$/g, '');
      await c.startTLS({ ca: this.opts.ca, host, servername: isIP(host) ? undefined : host });
    }
    if (serviceBind) {
      a.mark('service bind');
      await c.bind(this.cfg.bindDN, this.cfg.bindPassword.reveal());
    }
  }
}
