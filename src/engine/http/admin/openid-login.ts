import { randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { BoundedMap } from '../../bounded';
import type { LabConfig } from '../../config/schema';

export interface OpenIdSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
  sessionTimeoutMinutes: number;
  allowedGroups: string[];
  allowedEmailDomains: string[];
  source: 'environment' | 'lab file';
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * OPENID_* environment variables (all of ISSUER_URL, CLIENT_ID, REDIRECT_URI set) win over the lab
 * file's web.openid, so a deployment can configure admin login without editing the lab file.
 */
export function openIdSettings(
  web: LabConfig['web'],
  env: Record<string, string | undefined>,
): OpenIdSettings | undefined {
  if (env.OPENID_ISSUER_URL && env.OPENID_CLIENT_ID && env.OPENID_REDIRECT_URI) {
    const minutes = Number(env.OPENID_SESSION_TIMEOUT_MINUTES ?? 60);
    return {
      issuerUrl: env.OPENID_ISSUER_URL,
      clientId: env.OPENID_CLIENT_ID,
      clientSecret: env.OPENID_CLIENT_SECRET || undefined,
      redirectUri: env.OPENID_REDIRECT_URI,
      scopes: env.OPENID_SCOPES || 'openid profile email',
      sessionTimeoutMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 60,
      allowedGroups: list(env.OPENID_ALLOWED_GROUPS),
      allowedEmailDomains: list(env.OPENID_ALLOWED_EMAIL_DOMAINS),
      source: 'environment',
    };
  }
  const o = web.openid;
  if (!o) return undefined;
  return { ...o, clientSecret: o.clientSecret?.reveal(), source: 'lab file' };
}

/** A login in flight between openid-start and openid-callback (RFC 7636 PKCE + state + nonce). */
interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

export type CallbackOutcome =
  | { ok: true; email: string; groups: string[] }
  | { ok: false; status: 401 | 403; message: string; log: string; possibleCsrf?: boolean };

const PENDING_TTL_MS = 10 * 60_000;
/**
 * Logins in flight kept at most (anyone can start one, unauthenticated); past it the oldest is
 * forgotten. An expired one stays until pushed out, so its callback can still say "login expired".
 */
const MAX_PENDING = 10_000;

/** The authorization-code flow for admin login; one instance per settings (rebuilt on reload). */
export class OpenIdLogin {
  readonly #pending = new BoundedMap<string, Pending>(MAX_PENDING);
  #discovered?: Promise<client.Configuration>;

  constructor(
    readonly settings: OpenIdSettings,
    readonly now: () => number = Date.now,
  ) {}

  /** Returns the provider URL to redirect to, and the id the browser keeps in a short-lived cookie. */
  async start(): Promise<{ url: string; loginId: string }> {
    const config = await this.#discover();
    const verifier = client.randomPKCECodeVerifier();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier,
      expiresAt: this.now() + PENDING_TTL_MS,
    };
    const loginId = randomBytes(24).toString('base64url');
    this.#pending.set(loginId, pending);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { url: url.href, loginId };
  }

  async callback(loginId: string | undefined, search: URLSearchParams): Promise<CallbackOutcome> {
    const pending = loginId ? this.#pending.get(loginId) : undefined;
    if (loginId) this.#pending.delete(loginId); // one use, whatever happens
    const state = search.get('state');
    if (!pending || pending.expiresAt <= this.now() || !state || state !== pending.state) {
      const why = !pending
        ? 'no login in progress for this browser'
        : pending.expiresAt <= this.now()
          ? 'login expired'
          : 'state mismatch';
      return {
        ok: false,
        status: 401,
        message: 'OpenID login failed: state mismatch',
        log: `OpenID callback refused (${why}): possible CSRF`,
        possibleCsrf: true,
      };
    }
    const config = await this.#discover();
    const current = new URL(this.settings.redirectUri);
    current.search = search.toString();
    let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;
    try {
      tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
    } catch (e) {
      // Log what the provider said (error code and description), never a token or the code.
      const err = e as { error?: string; error_description?: string };
      const said = err.error
        ? `${err.error}${err.error_description ? `: ${err.error_description}` : ''}`
        : (e as Error).message;
      return {
        ok: false,
        status: 401,
        message: 'OpenID login failed: token exchange failed',
        log: `OpenID token exchange failed: ${said}`,
      };
    }
    const idClaims = (tokens.claims() ?? {}) as Record<string, unknown>;
    let info: Record<string, unknown> = {};
    try {
      info = (await client.fetchUserInfo(
        config,
        tokens.access_token,
        typeof idClaims.sub === 'string' ? idClaims.sub : client.skipSubjectCheck,
      )) as Record<string, unknown>;
    } catch (e) {
      return {
        ok: false,
        status: 401,
        message: 'OpenID login failed: user info unavailable',
        log: `OpenID userinfo failed: ${(e as Error).message}`,
      };
    }
    const email =
      typeof info.email === 'string'
        ? info.email
        : typeof idClaims.email === 'string'
          ? idClaims.email
          : undefined;
    if (!email)
      return {
        ok: false,
        status: 401,
        message: 'OpenID login failed: user info has no email',
        log: `OpenID user ${String(idClaims.sub)} has no email claim`,
      };
    const rawGroups = info.groups ?? idClaims.groups;
    const groups = Array.isArray(rawGroups)
      ? rawGroups.filter((g): g is string => typeof g === 'string')
      : [];
    const refusal = this.#refusal(email, groups);
    if (refusal)
      return {
        ok: false,
        status: 403,
        message: 'OpenID login refused: not an allowed admin',
        log: `OpenID user ${email} refused: ${refusal}`,
      };
    return { ok: true, email, groups };
  }

  #refusal(email: string, groups: string[]): string | undefined {
    const { allowedGroups, allowedEmailDomains } = this.settings;
    if (allowedEmailDomains.length) {
      const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
      if (!allowedEmailDomains.some((d) => d.toLowerCase() === domain))
        return `email domain ${domain} not in allowedEmailDomains`;
    }
    if (allowedGroups.length && !groups.some((g) => allowedGroups.includes(g)))
      return `none of the groups [${groups.join(', ')}] is in allowedGroups`;
    return undefined;
  }

  #discover(): Promise<client.Configuration> {
    this.#discovered ??= (async () => {
      const s = this.settings;
      const issuer = new URL(s.issuerUrl);
      const execute = issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      const auth = s.clientSecret ? client.ClientSecretPost(s.clientSecret) : client.None();
      return client.discovery(issuer, s.clientId, undefined, auth, { execute, timeout: 10 });
    })().catch((e) => {
      this.#discovered = undefined;
      throw e;
    });
    return this.#discovered;
  }
}
