import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as OTPAuth from 'otpauth';

/**
 * A stand-in for Okta's Authentication and Users APIs, written from Okta's published API reference
 * (developer.okta.com/docs/reference/api/authn, …/users, the error code list) because a real org is
 * not reachable from here. It answers what those pages document: POST /api/v1/authn with SUCCESS,
 * MFA_REQUIRED (stateToken, `_embedded.factors` with verify links), LOCKED_OUT, PASSWORD_EXPIRED, or
 * 401 E0000004; factor verify for token:software:totp (passCode, 403 E0000068 when wrong) and push
 * (MFA_CHALLENGE + factorResult WAITING with a `next` poll link, then SUCCESS, REJECTED or TIMEOUT);
 * cancel; GET /api/v1/users/{id|login} (404 E0000007) and its groups; every call needs
 * `Authorization: SSWS <token>` (401 E0000011 otherwise).
 */
export type PushPlan = { answer: 'approve' | 'reject' | 'timeout'; afterMs: number } | { answer: 'never' };

export interface StandInUser {
  login: string;
  password: string;
  status?: 'ACTIVE' | 'LOCKED_OUT' | 'PASSWORD_EXPIRED';
  totp?: string;
  push?: { device: string; plan: PushPlan };
  groups?: string[];
}

interface Txn {
  user: StandInUser & { id: string };
  expires: number;
  push?: { started: number; polls: number };
  done?: boolean;
}

export interface OktaStandIn {
  url: string;
  token: string;
  users: Map<string, StandInUser & { id: string }>;
  /** Every request: method, path (without query), whether the SSWS token matched. */
  requests: { method: string; path: string; authorized: boolean; at: number }[];
  cancelled: number;
  stop(): Promise<void>;
}

const err = (res: ServerResponse, status: number, code: string, summary: string, causes: string[] = []) =>
  json(res, status, {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: `oae${randomBytes(8).toString('hex')}`,
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  });

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

export async function startOktaStandIn(
  users: StandInUser[],
  token = 'stand-in-ssws-token-0123456789',
): Promise<OktaStandIn> {
  const byLogin = new Map(users.map((u, i) => [u.login, { ...u, id: `00u${String(i).padStart(17, '0')}` }]));
  const txns = new Map<string, Txn>();
  const usedCodes = new Set<string>();
  const self: OktaStandIn = {
    url: '',
    token,
    users: byLogin,
    requests: [],
    cancelled: 0,
    stop: async () => {},
  };
  const userOf = (idOrLogin: string) =>
    [...byLogin.values()].find((u) => u.id === idOrLogin || u.login === idOrLogin);
  const userJson = (u: StandInUser & { id: string }) => ({
    id: u.id,
    passwordChanged: '2024-01-01T00:00:00.000Z',
    profile: { login: u.login, firstName: u.login, lastName: 'Lab', locale: 'en_US', timeZone: 'UTC' },
  });
  const link = (path: string) => ({ href: `${self.url}${path}`, hints: { allow: ['POST'] } });
  const factorsOf = (u: StandInUser & { id: string }) =>
    [
      ...(u.totp
        ? [
            {
              id: `ost${u.id}`,
              factorType: 'token:software:totp',
              provider: 'GOOGLE',
              profile: { credentialId: u.login },
            },
          ]
        : []),
      ...(u.push
        ? [
            {
              id: `opf${u.id}`,
              factorType: 'push',
              provider: 'OKTA',
              profile: {
                credentialId: u.login,
                deviceType: 'SmartPhone_IPhone',
                name: u.push.device,
                platform: 'IOS',
                version: '17.0',
              },
            },
          ]
        : []),
    ].map((f) => ({ ...f, _links: { verify: link(`/api/v1/authn/factors/${f.id}/verify`) } }));
  const newTxn = (u: StandInUser & { id: string }) => {
    const stateToken = `00${randomBytes(30).toString('base64url')}`;
    txns.set(stateToken, { user: u, expires: Date.now() + 5 * 60_000 });
    return stateToken;
  };
  const success = (u: StandInUser & { id: string }) => ({
    expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    status: 'SUCCESS',
    sessionToken: randomBytes(24).toString('base64url'),
    _embedded: { user: userJson(u) },
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    const authorized = req.headers.authorization === `SSWS ${token}`;
    self.requests.push({ method: req.method ?? '', path, authorized, at: Date.now() });
    if (!authorized) return err(res, 401, 'E0000011', 'Invalid token provided');
    let body: Record<string, unknown>;
    try {
      body = await readBody(req);
    } catch {
      return err(res, 400, 'E0000003', 'The request body was not well-formed.');
    }
    if (req.method === 'POST' && path === '/api/v1/authn') {
      const u = byLogin.get(String(body.username ?? ''));
      if (!u || u.password !== body.password) return err(res, 401, 'E0000004', 'Authentication failed');
      if (u.status === 'LOCKED_OUT')
        return json(res, 200, {
          status: 'LOCKED_OUT',
          _links: { next: { name: 'unlock', ...link('/api/v1/authn/recovery/unlock') } },
        });
      if (u.status === 'PASSWORD_EXPIRED')
        return json(res, 200, {
          stateToken: newTxn(u),
          status: 'PASSWORD_EXPIRED',
          _embedded: { user: userJson(u) },
        });
      const factors = factorsOf(u);
      if (!factors.length) return json(res, 200, success(u));
      return json(res, 200, {
        stateToken: newTxn(u),
        expiresAt: new Date(Date.now() + 5 * 60_000).toISOString(),
        status: 'MFA_REQUIRED',
        _embedded: { user: userJson(u), factors },
        _links: { cancel: link('/api/v1/authn/cancel') },
      });
    }
    const verify = /^\/api\/v1\/authn\/factors\/([^/]+)\/verify$/.exec(path);
    if (req.method === 'POST' && verify) {
      const t = txns.get(String(body.stateToken ?? ''));
      if (!t || t.done || t.expires < Date.now()) return err(res, 401, 'E0000011', 'Invalid token provided');
      const u = t.user;
      if (verify[1] === `ost${u.id}` && u.totp) {
        const code = String(body.passCode ?? '');
        const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(u.totp) });
        const delta = totp.validate({ token: code, window: 1 });
        if (delta === null || usedCodes.has(`${u.id}:${code}`))
          return err(res, 403, 'E0000068', 'Invalid Passcode/Answer', [
            "Your passcode doesn't match our records. Please try again.",
          ]);
        usedCodes.add(`${u.id}:${code}`);
        t.done = true;
        return json(res, 200, success(u));
      }
      if (verify[1] === `opf${u.id}` && u.push) {
        t.push ??= { started: Date.now(), polls: -1 };
        t.push.polls += 1;
        const plan = u.push.plan;
        const elapsed = Date.now() - t.push.started;
        const result = plan.answer === 'never' || elapsed < plan.afterMs ? 'WAITING' : plan.answer;
        if (result === 'approve') {
          t.done = true;
          return json(res, 200, success(u));
        }
        const factorResult = result === 'reject' ? 'REJECTED' : result === 'timeout' ? 'TIMEOUT' : 'WAITING';
        const f = factorsOf(u).find((x) => x.factorType === 'push')!;
        return json(res, 200, {
          stateToken: body.stateToken,
          expiresAt: new Date(t.expires).toISOString(),
          status: 'MFA_CHALLENGE',
          factorResult,
          _embedded: { user: userJson(u), factor: f },
          _links: {
            next: { name: factorResult === 'WAITING' ? 'poll' : 'verify', ...link(path) },
            cancel: link('/api/v1/authn/cancel'),
            prev: link('/api/v1/authn/previous'),
          },
        });
      }
      return err(res, 404, 'E0000007', `Not found: Resource not found: ${verify[1]} (UserFactor)`);
    }
    if (req.method === 'POST' && path === '/api/v1/authn/cancel') {
      if (!txns.delete(String(body.stateToken ?? '')))
        return err(res, 401, 'E0000011', 'Invalid token provided');
      self.cancelled += 1;
      return json(res, 200, {});
    }
    const groups = /^\/api\/v1\/users\/([^/]+)\/groups$/.exec(path);
    if (req.method === 'GET' && groups) {
      const u = userOf(decodeURIComponent(groups[1]!));
      if (!u) return err(res, 404, 'E0000007', `Not found: Resource not found: ${groups[1]} (User)`);
      return json(
        res,
        200,
        (u.groups ?? []).map((name, i) => ({
          id: `00g${u.id}${i}`,
          type: 'OKTA_GROUP',
          profile: { name, description: null },
        })),
      );
    }
    const user = /^\/api\/v1\/users\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && user) {
      const u = userOf(decodeURIComponent(user[1]!));
      if (!u) return err(res, 404, 'E0000007', `Not found: Resource not found: ${user[1]} (User)`);
      return json(res, 200, { ...userJson(u), status: u.status ?? 'ACTIVE' });
    }
    if (req.method === 'GET' && path === '/api/v1/groups') {
      const names = [...new Set([...byLogin.values()].flatMap((u) => u.groups ?? []))];
      const limit = Number(url.searchParams.get('limit') ?? 200);
      return json(
        res,
        200,
        names.slice(0, limit).map((name) => ({ id: `00g${name}`, type: 'OKTA_GROUP', profile: { name } })),
      );
    }
    return err(res, 404, 'E0000022', 'The endpoint does not support the provided HTTP method');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  self.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return self;
}
