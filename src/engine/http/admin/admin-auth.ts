import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import bcrypt from 'bcryptjs';
import type { LabConfig } from '../../config/schema';
import type { Logger } from '../../context';
import { sendJson } from '../respond';
import { header, readForm, sendText } from './form';
import {
  clearCookie,
  CSRF_COOKIE,
  OIDC_COOKIE,
  readCookies,
  serializeCookie,
  SESSION_COOKIE,
} from './cookies';
import { LoginHandoffs } from './handoff';
import { OpenIdLogin, openIdSettings, type OpenIdSettings } from './openid-login';
import { continuePage, loginPage, messagePage } from './pages';
import { LoginRateLimit } from './rate-limit';
import { AdminSessions, type AdminSession, type AuthMethod } from './sessions';

export interface AdminAuthDeps {
  /** The current lab's web section; a function because a reload swaps it. */
  web(): LabConfig['web'];
  audit: { append(event: string, details: Record<string, unknown>, actor?: string): unknown };
  log: Logger;
  env?: Record<string, string | undefined>;
  /** Served over TLS (or behind a trusted HTTPS proxy): cookies get `Secure`. Asked per cookie. */
  secure?: boolean | (() => boolean);
  now?: () => number;
}

export type Principal = { kind: 'session'; session: AdminSession } | { kind: 'api-token' };

/** bcrypt of a random string: compared against when the username is wrong, so timing does not tell. */
const DUMMY_HASH = bcrypt.hashSync(randomBytes(16).toString('hex'), 10);

function same(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Only local paths: "/x" but not "//evil.example" (an open redirect). */
const safeNext = (n: unknown) => (typeof n === 'string' && /^\/(?![/\\])/.test(n) ? n : '/');

/**
 * Admin login for the web console and REST API: password (bcrypt hash in web.admin, rate-limited),
 * OpenID Connect (authorization code + PKCE, state and nonce checked), opaque sessions in an
 * HttpOnly SameSite=Strict cookie, CSRF tokens for state-changing posts, and an audit trail.
 */
export class AdminAuth {
  readonly sessions: AdminSessions;
  readonly rate: LoginRateLimit;
  readonly handoffs: LoginHandoffs;
  #oidc?: { key: string; login: OpenIdLogin };

  constructor(readonly deps: AdminAuthDeps) {
    this.sessions = new AdminSessions(deps.now);
    this.rate = new LoginRateLimit(5, 5 * 60_000, deps.now);
    this.handoffs = new LoginHandoffs(deps.now);
  }

  /** The OpenID settings in force (OPENID_* environment, else web.openid), or undefined. */
  openIdSettings(): OpenIdSettings | undefined {
    return this.#settings();
  }

  /**
   * For a login completed outside this listener (the desktop app's loopback OpenID flow): a one-time
   * ticket; GET /admin/login/handoff?ticket=… turns it into a session cookie in that browser.
   */
  issueHandoff(email: string, method: AuthMethod): string {
    this.deps.log.info('admin login handoff issued', { user_email: email, auth_method: method });
    return this.handoffs.issue(email, method);
  }

  /** Who is calling: an admin session cookie or `Authorization: Bearer <web.apiToken>`. */
  authenticate(req: IncomingMessage): Principal | undefined {
    const token = readCookies(req).get(SESSION_COOKIE);
    const session = this.sessions.validate(token, (s) =>
      this.#audit('admin.session.deleted', s, { reason: 'expired' }),
    );
    if (session) return { kind: 'session', session };
    const auth = req.headers.authorization;
    const api = this.deps.web().apiToken?.reveal();
    if (api && auth?.startsWith('Bearer ') && same(auth.slice(7).trim(), api)) return { kind: 'api-token' };
    return undefined;
  }

  /**
   * For the hosts' guarded routes: the principal, or a 401 sent. State-changing requests made with
   * a session cookie must also carry the session's CSRF token (x-csrf-token); bearer tokens need not
   * (a browser never attaches them on its own).
   */
  require(req: IncomingMessage, res: ServerResponse, stateChanging: boolean): Principal | undefined {
    const p = this.authenticate(req);
    if (!p) {
      sendJson(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'admin login or API token required', issues: [] },
      });
      return undefined;
    }
    if (stateChanging && p.kind === 'session' && !same(header(req, 'x-csrf-token'), p.session.csrf)) {
      sendJson(res, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'CSRF token missing or wrong', issues: [] },
      });
      return undefined;
    }
    return p;
  }

  /** Serves /admin/login…, /admin/logout and /admin/session; false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const routes: Record<string, () => void | Promise<void>> = {
      'GET /admin/login': () => this.#loginForm(res, url),
      'POST /admin/login': () => this.#passwordLogin(req, res),
      'POST /admin/logout': () => this.#logout(req, res),
      'GET /admin/login/openid-start': () => this.#openidStart(res),
      'GET /admin/login/openid-callback': () => this.#openidCallback(req, res, url),
      'GET /admin/login/handoff': () => this.#handoff(req, res, url),
      'GET /admin/session': () => this.#whoami(req, res),
    };
    const route = routes[`${req.method} ${url.pathname}`];
    if (route) {
      await route();
      return true;
    }
    const ours =
      url.pathname === '/admin/login' ||
      url.pathname === '/admin/logout' ||
      url.pathname.startsWith('/admin/login/');
    if (ours || url.pathname === '/admin/session') {
      sendJson(res, 405, { error: 'method not allowed' });
      return true;
    }
    return false;
  }

  #whoami(req: IncomingMessage, res: ServerResponse): void {
    const p = this.authenticate(req);
    if (!p)
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'not signed in', issues: [] },
      });
    if (p.kind === 'api-token') return sendJson(res, 200, { kind: 'api-token' });
    const { email, method, expiresAt, csrf } = p.session;
    sendJson(res, 200, { kind: 'session', email, method, expiresAt, csrf });
  }

  #settings(): OpenIdSettings | undefined {
    return openIdSettings(this.deps.web(), this.deps.env ?? process.env);
  }

  #openid(): OpenIdLogin | undefined {
    const s = this.#settings();
    if (!s) return undefined;
    const key = JSON.stringify(s);
    if (this.#oidc?.key !== key) this.#oidc = { key, login: new OpenIdLogin(s, this.deps.now) };
    return this.#oidc.login;
  }

  #ttlMs(): number {
    return (this.#settings()?.sessionTimeoutMinutes ?? 60) * 60_000;
  }

  #secure(): boolean {
    const s = this.deps.secure;
    return typeof s === 'function' ? s() : (s ?? false);
  }

  #cookie(
    name: string,
    value: string,
    maxAgeS: number,
    extra: { sameSite?: 'Lax'; path?: string } = {},
  ): string {
    return serializeCookie(name, value, { maxAgeS, secure: this.#secure(), ...extra });
  }

  #loginForm(
    res: ServerResponse,
    url: URL,
    status = 200,
    error?: string,
    next?: string,
    keepCsrf?: string,
  ): void {
    const csrf = keepCsrf ?? randomBytes(24).toString('base64url');
    const html = loginPage({
      csrf,
      password: !!this.deps.web().admin,
      openid: !!this.#settings(),
      next: next ?? url.searchParams.get('next') ?? undefined,
      error,
    });
    res.writeHead(status, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': this.#cookie(CSRF_COOKIE, csrf, 3600),
    });
    res.end(html);
  }

  async #passwordLogin(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const remote = req.socket.remoteAddress ?? 'unknown';
    const json = (req.headers['content-type'] ?? '').includes('application/json');
    const body = await readForm(req);
    const fail = (status: number, message: string, headers: Record<string, string> = {}) => {
      if (json)
        return sendJson(
          res,
          status,
          {
            ok: false,
            error: { code: status === 429 ? 'rate_limited' : 'unauthorized', message, issues: [] },
          },
          headers,
        );
      // A wrong password shows the form again (same `next`), everything else a plain message.
      if (status === 401)
        return this.#loginForm(res, new URL('http://x/'), 401, message, safeNext(body?.next), body?.csrf);
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        ...headers,
      });
      res.end(messagePage('Sign in failed', message));
    };
    const wait = this.rate.retryAfterMs(remote);
    if (wait > 0)
      return fail(429, 'too many failed logins; try again later', {
        'retry-after': String(Math.ceil(wait / 1000)),
      });
    if (!body || !same(body.csrf, readCookies(req).get(CSRF_COOKIE)))
      return fail(403, 'CSRF token missing or wrong: reload the login page');
    const admin = this.deps.web().admin;
    if (!admin) return fail(503, 'password login not configured (web.admin in the lab file)');
    const username = body.username ?? '';
    const userOk = same(username, admin.username);
    const passOk = await bcrypt.compare(body.password ?? '', userOk ? admin.passwordHash : DUMMY_HASH);
    if (!userOk || !passOk) {
      this.rate.fail(remote);
      this.deps.audit.append('admin.login.failed', {
        user: username,
        auth_method: 'password',
        remote,
        reason: 'wrong username or password',
      });
      this.deps.log.warn('admin login failed', { user: username, method: 'password', remote });
      return fail(401, 'wrong username or password');
    }
    this.rate.succeed(remote);
    const { token, session } = this.#open(admin.username, 'password');
    const cookies = [
      this.#cookie(SESSION_COOKIE, token, this.#ttlMs() / 1000),
      clearCookie(CSRF_COOKIE, { secure: this.#secure() }),
    ];
    if (json)
      return sendJson(
        res,
        200,
        { ok: true, email: session.email, expiresAt: session.expiresAt, csrf: session.csrf },
        { 'set-cookie': cookies as never },
      );
    res.writeHead(303, { location: safeNext(body.next), 'set-cookie': cookies, 'cache-control': 'no-store' });
    res.end();
  }

  async #logout(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = readCookies(req).get(SESSION_COOKIE);
    const session = this.sessions.validate(token);
    if (!token || !session)
      return sendJson(res, 401, {
        ok: false,
        error: { code: 'unauthorized', message: 'not signed in', issues: [] },
      });
    const body = await readForm(req);
    if (!same(body?.csrf ?? header(req, 'x-csrf-token'), session.csrf)) {
      return sendJson(res, 403, {
        ok: false,
        error: { code: 'forbidden', message: 'CSRF token missing or wrong', issues: [] },
      });
    }
    this.sessions.delete(token);
    this.#audit('admin.session.deleted', session, { reason: 'logout' });
    res.writeHead(303, {
      location: '/admin/login',
      'set-cookie': clearCookie(SESSION_COOKIE, { secure: this.#secure() }),
      'cache-control': 'no-store',
    });
    res.end();
  }

  async #openidStart(res: ServerResponse): Promise<void> {
    const login = this.#openid();
    if (!login) return void sendText(res, 503, 'OpenID not configured');
    let started: { url: string; loginId: string };
    try {
      started = await login.start();
    } catch (e) {
      this.deps.log.error('OpenID discovery failed', {
        issuer: login.settings.issuerUrl,
        error: (e as Error).message,
      });
      return void sendText(res, 502, `OpenID provider ${login.settings.issuerUrl} unreachable`);
    }
    // Lax, path-scoped and short: it must come back on the provider's top-level redirect to the callback.
    const cookie = this.#cookie(OIDC_COOKIE, started.loginId, 600, { sameSite: 'Lax', path: '/admin/login' });
    res.writeHead(302, { location: started.url, 'set-cookie': cookie, 'cache-control': 'no-store' });
    res.end();
  }

  async #openidCallback(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const login = this.#openid();
    if (!login) return void sendText(res, 503, 'OpenID not configured');
    const remote = req.socket.remoteAddress ?? 'unknown';
    const clear = clearCookie(OIDC_COOKIE, {
      secure: this.#secure(),
      sameSite: 'Lax',
      path: '/admin/login',
    });
    const refuse = (status: number, message: string, log: string, csrf = false) => {
      (csrf ? this.deps.log.warn : this.deps.log.error).call(this.deps.log, log, { remote });
      this.deps.audit.append('admin.login.failed', { auth_method: 'openid', remote, reason: log });
      res.writeHead(status, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        'set-cookie': clear,
      });
      res.end(messagePage('Sign in failed', message));
    };
    const providerError = url.searchParams.get('error');
    if (providerError)
      return refuse(
        401,
        `OpenID login failed: ${providerError}`,
        `OpenID provider returned ${providerError}: ${url.searchParams.get('error_description') ?? ''}`,
      );
    const out = await login.callback(readCookies(req).get(OIDC_COOKIE), url.searchParams);
    if (!out.ok) return refuse(out.status, out.message, out.log, out.possibleCsrf);
    const { token } = this.#open(out.email, 'openid');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      'set-cookie': [clear, this.#cookie(SESSION_COOKIE, token, this.#ttlMs() / 1000)],
    });
    res.end(continuePage('/'));
  }

  #handoff(req: IncomingMessage, res: ServerResponse, url: URL): void {
    const login = this.handoffs.take(url.searchParams.get('ticket'));
    if (!login) {
      const remote = req.socket.remoteAddress ?? 'unknown';
      this.deps.log.warn('admin login handoff refused: unknown, used or expired ticket', { remote });
      this.deps.audit.append('admin.login.failed', {
        auth_method: 'handoff',
        remote,
        reason: 'unknown, used or expired handoff ticket',
      });
      res.writeHead(401, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      return void res.end(
        messagePage('Sign in failed', 'This sign-in link has expired or was already used.'),
      );
    }
    const { token } = this.#open(login.email, login.method);
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // The ticket was in the URL: keep it out of any Referer the next page load might send.
      'referrer-policy': 'no-referrer',
      'set-cookie': this.#cookie(SESSION_COOKIE, token, this.#ttlMs() / 1000),
    });
    res.end(continuePage('/'));
  }

  #open(email: string, method: AuthMethod): { token: string; session: AdminSession } {
    const opened = this.sessions.create(email, method, this.#ttlMs());
    this.#audit('admin.session.created', opened.session);
    return opened;
  }

  #audit(event: string, s: AdminSession, extra: Record<string, unknown> = {}): void {
    const details = { user_email: s.email, auth_method: s.method, session_id: s.id, ...extra };
    this.deps.audit.append(event, details, s.email);
    this.deps.log.info(event, details);
  }
}
