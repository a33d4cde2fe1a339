import { performance } from 'node:perf_hooks';
import * as client from 'openid-client';
import type { BackendConfig } from '../config/schema';
import { redact } from '../secret';
import { mapGroups } from './group-map';
import { formatDuration, GroupCache } from './oidc-group-cache';
import type { AuthBackend, AuthService, BackendResult, Credentials } from './types';

export type OidcConfig = Extract<BackendConfig, { type: 'oidc' }>;

export const OIDC_CHAP_NEEDS_CLEARTEXT =
  'OIDC cannot check CHAP/MS-CHAP: needs a cleartext password; use PAP or ASCII';

export interface OidcOptions {
  /** How long groups from a login answer authorization (lookup) for that user. Default 8 h. */
  groupCacheMs?: number;
  now?: () => number;
}

/** What the provider's token endpoint said, in words a lab user can act on (RFC 6749 §5.2 codes). */
function explainGrantError(
  e: client.ResponseBodyError,
  cfg: OidcConfig,
): { status: BackendResult['status']; text: string } {
  const desc = e.error_description ? `: ${e.error_description}` : '';
  // Some providers (oidc-provider among them) answer a disallowed grant type with invalid_request.
  const refusedGrant = e.error === 'invalid_request' && /grant[ _]type/i.test(e.error_description ?? '');
  switch (refusedGrant ? 'unauthorized_client' : e.error) {
    case 'invalid_grant':
      return { status: 'deny', text: `provider rejected the username or password (invalid_grant${desc})` };
    case 'unsupported_grant_type':
      return {
        status: 'error',
        text: `provider ${cfg.issuerUrl} refuses the Resource Owner Password grant (unsupported_grant_type${desc}); enable the password grant for this app or use LDAP for device logins`,
      };
    case 'unauthorized_client':
      return {
        status: 'error',
        text: `client ${cfg.clientId} is not allowed the Resource Owner Password grant (${e.error}${desc}); allow the "password" grant type for this client at the provider`,
      };
    case 'invalid_client':
      return {
        status: 'error',
        text: `client authentication failed (invalid_client${desc}); check clientId and clientSecret`,
      };
    case 'invalid_scope':
      return { status: 'error', text: `provider refused the scopes "${cfg.scopes}" (invalid_scope${desc})` };
    default:
      return { status: 'error', text: `token endpoint answered ${e.status} ${e.error}${desc}` };
  }
}

function describeFailure(e: unknown, timeoutMs: number): string {
  // fetch wraps the socket error: TypeError("fetch failed") → cause {code: 'ECONNREFUSED'}, maybe deeper.
  for (
    let err = e as (Error & { code?: unknown; cause?: unknown }) | undefined, depth = 0;
    err && depth < 5;
    err = err.cause as typeof err, depth++
  ) {
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
    if (typeof err.code === 'string' && /^E[A-Z]+$/.test(err.code)) return `unreachable: ${err.code}`;
  }
  return (e as Error)?.message ?? String(e);
}

function groupsFrom(claims: Record<string, unknown> | undefined, claim: string): string[] | undefined {
  const v = claims?.[claim];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
  if (typeof v === 'string') return v.split(/[\s,]+/).filter(Boolean);
  return undefined;
}

/**
 * Device logins checked against an OpenID provider (Okta, Keycloak, Entra ID) with the Resource Owner
 * Password grant (RFC 6749 §4.3) found by discovery. Groups come from the ID token's groups claim, or
 * userinfo's when the ID token lacks it. Tokens are used and dropped: never logged, never in reasons.
 * The provider cannot tell "unknown user" from "wrong password" (both are invalid_grant): that answers
 * 'deny' and ends the chain, so list OIDC backends after those that can say "unknown".
 */
export class OidcBackend implements AuthBackend {
  readonly name: string;
  readonly type = 'oidc' as const;
  readonly #cache: GroupCache;
  #discovered?: Promise<client.Configuration>;

  constructor(
    readonly cfg: OidcConfig,
    readonly opts: OidcOptions = {},
  ) {
    this.name = cfg.name;
    this.#cache = new GroupCache(opts.groupCacheMs, 10_000, opts.now);
  }

  async authenticate(
    username: string,
    credentials: Credentials,
    service: AuthService,
  ): Promise<BackendResult> {
    const t0 = performance.now();
    const steps: string[] = [];
    const step = (s: string): void => void steps.push(`${this.name}: ${s}`);
    const ms = (): number => Math.round(performance.now() - t0);
    const done = (status: BackendResult['status'], groups: string[] = []): BackendResult => ({
      status,
      groups,
      reasons: steps,
      ms: ms(),
    });
    if (credentials.kind === 'challenge') {
      step(`${OIDC_CHAP_NEEDS_CLEARTEXT} (${credentials.method} for ${username})`);
      return done('deny');
    }
    if (username === '' || credentials.password === '') {
      step('empty username or password refused');
      return done('deny');
    }
    if (service === 'enable')
      step('enable: checked against the provider password (OIDC has no enable secret)');
    const secrets = [credentials.password, this.cfg.clientSecret];

    let config: client.Configuration;
    try {
      config = await this.#discover();
    } catch (e) {
      this.#discovered = undefined; // try discovery again next time
      step(
        `discovery of ${this.cfg.issuerUrl} failed: ${redact(describeFailure(e, this.cfg.timeoutMs), secrets)} in ${ms()} ms`,
      );
      return done('error');
    }

    let tokens: Awaited<ReturnType<typeof client.genericGrantRequest>>;
    const grantT0 = performance.now();
    try {
      tokens = await client.genericGrantRequest(config, 'password', {
        username,
        password: credentials.password,
        scope: this.cfg.scopes,
      });
    } catch (e) {
      const took = Math.round(performance.now() - grantT0);
      if (e instanceof client.ResponseBodyError) {
        const r = explainGrantError(e, this.cfg);
        if (r.status === 'deny') this.#cache.delete(username);
        step(`password grant for ${username}: ${redact(r.text, secrets)} in ${took} ms`);
        return done(r.status);
      }
      step(
        `password grant for ${username} failed: ${redact(describeFailure(e, this.cfg.timeoutMs), secrets)} in ${took} ms`,
      );
      return done('error');
    }
    step(`password grant for ${username} accepted in ${Math.round(performance.now() - grantT0)} ms`);

    const idClaims = tokens.claims() as Record<string, unknown> | undefined;
    let found = groupsFrom(idClaims, this.cfg.groupsClaim);
    let source = 'ID token';
    if (found === undefined && config.serverMetadata().userinfo_endpoint) {
      try {
        const info = await client.fetchUserInfo(
          config,
          tokens.access_token,
          typeof idClaims?.sub === 'string' ? idClaims.sub : client.skipSubjectCheck,
        );
        found = groupsFrom(info as Record<string, unknown>, this.cfg.groupsClaim);
        source = 'userinfo';
      } catch (e) {
        step(`userinfo failed: ${redact(describeFailure(e, this.cfg.timeoutMs), secrets)}`);
      }
    }
    if (found === undefined)
      step(
        `no "${this.cfg.groupsClaim}" claim in the ID token or userinfo (add a groups claim/scope at the provider)`,
      );
    else
      step(`"${this.cfg.groupsClaim}" claim from ${source}: ${found.length ? found.join(', ') : '(empty)'}`);
    const mapped = mapGroups('OIDC', found ?? [], this.cfg.groupMap);
    step(mapped.reason);
    this.#cache.set(username, mapped.groups);
    return done('allow', mapped.groups);
  }

  /**
   * OIDC cannot look a user up without their password. Authorization after a login uses the groups
   * of that login, remembered for a bounded time (OidcOptions.groupCacheMs).
   */
  async lookup(username: string): Promise<BackendResult> {
    const hit = this.#cache.get(username);
    if (!hit) {
      const ttl = formatDuration(this.#cache.ttlMs);
      return {
        status: 'unknown-user',
        groups: [],
        reasons: [
          `${this.name}: OIDC cannot look up a user without a password, and ${username} has not logged in through it within ${ttl}`,
        ],
        ms: 0,
      };
    }
    return {
      status: 'allow',
      groups: hit.groups,
      reasons: [
        `${this.name}: groups from ${username}'s login ${formatDuration(hit.ageMs)} ago (kept for authorization ${formatDuration(hit.expiresInMs)} more)`,
      ],
      ms: 0,
    };
  }

  /** Health: a fresh discovery fetch (the provider's metadata), apart from the cached one logins use. */
  async probe(): Promise<BackendResult> {
    const t0 = performance.now();
    const url = `${this.cfg.issuerUrl.replace(/\/+$/, '')}/.well-known/openid-configuration`;
    let text: string;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.cfg.timeoutMs), redirect: 'error' });
      const body = (await res.json().catch(() => undefined)) as { token_endpoint?: unknown } | undefined;
      const ms = Math.round(performance.now() - t0);
      if (res.ok && typeof body?.token_endpoint === 'string')
        return {
          status: 'allow',
          groups: [],
          reasons: [`${this.name}: discovery of ${this.cfg.issuerUrl} in ${ms} ms`],
          ms,
        };
      text = res.ok ? 'discovery document has no token_endpoint' : `discovery answered HTTP ${res.status}`;
    } catch (e) {
      text = describeFailure(e, this.cfg.timeoutMs);
    }
    const ms = Math.round(performance.now() - t0);
    const reason = `${this.name}: ${url}: ${redact(text, [this.cfg.clientSecret])} in ${ms} ms`;
    return { status: 'error', groups: [], reasons: [reason], ms };
  }

  async close(): Promise<void> {
    this.#discovered = undefined;
  }

  #discover(): Promise<client.Configuration> {
    this.#discovered ??= (async () => {
      const issuer = new URL(this.cfg.issuerUrl);
      const secret = this.cfg.clientSecret?.reveal();
      const auth = secret ? client.ClientSecretPost(secret) : client.None();
      // Plain http only when the lab file says so explicitly (a local test provider).
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      const config = await client.discovery(issuer, this.cfg.clientId, undefined, auth, {
        execute,
        timeout: Math.ceil(this.cfg.timeoutMs / 1000),
      });
      const ms = this.cfg.timeoutMs;
      // Millisecond deadline per request (the library's own timeout is in whole seconds).
      config[client.customFetch] = (url, init) =>
        fetch(url, {
          ...init,
          signal: init.signal
            ? AbortSignal.any([init.signal, AbortSignal.timeout(ms)])
            : AbortSignal.timeout(ms),
        });
      return config;
    })();
    return this.#discovered;
  }
}
