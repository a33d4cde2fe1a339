import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { apiRoutes } from '../../src/engine/http/api-routes';
import type { Engine } from '../../src/engine/lab';
import { CookieJar } from '../support/cookie-jar';
import { startTestEngine, startTestServe, type TestServe } from '../support/engine';

// The real headless host with the fixture's web.admin: every guarded route refuses strangers,
// and a browser signed in at /admin/login reaches the REST API and the contract (with CSRF).
let engine: Engine;
let host: TestServe;
let base: string;

beforeAll(async () => {
  ({ engine } = await startTestEngine({ factories: [] }));
  host = await startTestServe(engine);
  base = host.base;
});

afterAll(async () => {
  await host?.close();
  await engine?.close();
});

async function signIn(): Promise<{ jar: CookieJar; csrf: string }> {
  const jar = new CookieJar();
  const page = await (await jar.fetch(`${base}/admin/login`)).text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
  expect(csrf).toBeTruthy();
  const res = await jar.fetch(`${base}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'admin', password: 'admin-pass', csrf: csrf! }).toString(),
    redirect: 'manual',
  });
  expect(res.status).toBeLessThan(400);
  const me = (await (await jar.fetch(`${base}/admin/session`)).json()) as { csrf: string; email: string };
  return { jar, csrf: me.csrf };
}

describe('aaa-lab serve access control', () => {
  it('refuses every guarded REST route and the contract without credentials', async () => {
    for (const r of apiRoutes) {
      const res = await fetch(`${base}${r.path.replace(/\{[^}]+\}/g, '1')}`, { method: r.method });
      expect(res.status, `${r.method} ${r.path}`).toBe(r.auth ? 401 : 200);
    }
    expect((await fetch(`${base}/rpc/lab.status`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect(
      (
        await fetch(`${base}/rpc/lab.status`, {
          method: 'POST',
          body: '{}',
          headers: { authorization: 'Bearer lab-api-token-0123456789' },
        })
      ).status,
    ).toBe(401);
  });

  it('lets the API token call the REST API but not the contract', async () => {
    const res = await fetch(`${base}/api/status`, {
      headers: { authorization: 'Bearer lab-api-token-0123456789' },
    });
    expect(res.status).toBe(200);
  });

  it('lets a signed-in admin use the REST API and the contract, with CSRF on changes', async () => {
    const { jar, csrf } = await signIn();
    expect((await jar.fetch(`${base}/api/status`)).status).toBe(200);
    expect((await jar.fetch(`${base}/api/admin/reset-stats`, { method: 'POST' })).status).toBe(403);
    expect(
      (
        await jar.fetch(`${base}/api/admin/reset-stats`, {
          method: 'POST',
          headers: { 'x-csrf-token': csrf },
        })
      ).status,
    ).toBe(200);
    expect((await jar.fetch(`${base}/rpc/lab.status`, { method: 'POST', body: '{}' })).status).toBe(403);
    const rpc = await jar.fetch(`${base}/rpc/lab.status`, {
      method: 'POST',
      body: '{}',
      headers: { 'x-csrf-token': csrf },
    });
    expect(rpc.status).toBe(200);
    expect(((await rpc.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('opens the event socket for a signed-in admin and refuses anonymous upgrades', async () => {
    const { jar } = await signIn();
    const open = (headers: Record<string, string>) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/events`, { headers });
        ws.on('message', () => {
          ws.close();
          resolve('message');
        });
        ws.on('error', () => resolve('refused'));
      });
    expect(await open({ cookie: jar.header(base) })).toBe('message');
    expect(await open({})).toBe('refused');
  });
});
