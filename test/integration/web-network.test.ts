import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHttp } from '../../src/engine/http/server';
import type { Engine } from '../../src/engine/lab';
import { startDesktopListener } from '../../src/serve/desktop-listener';
import { FIXTURE_DIR } from '../peers/radius-lab';
import { startTestEngine } from '../support/engine';
import { rawRequest } from '../support/raw-http';

/**
 * The web listener on a network: bound to 0.0.0.0, reached through 127.0.0.2 as a "LAN" address (and
 * this machine's own non-loopback address when it has one), a name in web.allowedHosts, a reverse
 * proxy's X-Forwarded-Host, over HTTPS with the fixture CA; DNS rebinding still gets 421. The
 * desktop host's listener serves the console to browsers signed in by the hand-off.
 */
const TOKEN = 'lab-api-token-0123456789';
const CA = readFileSync(join(FIXTURE_DIR, 'tls/ca.pem'));
const renderer = mkdtempSync(join(tmpdir(), 'aaa-lab-renderer-'));
writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>AAA Lab</title><div id="root"></div>');
const lan = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

async function listener(web: string): Promise<{ engine: Engine; http: EngineHttp }> {
  const { engine } = await startTestEngine({
    factories: [],
    ports: 'ephemeral',
    edit: (t) => t.replace(/(\nweb:\n)/, `$1${web}`),
  });
  const http = await startDesktopListener({ engine, host: '0.0.0.0', port: 0, rendererDir: renderer });
  return { engine, http };
}

describe('web listener bound to 0.0.0.0 over HTTP', () => {
  let engine: Engine;
  let http: EngineHttp;
  beforeAll(async () => {
    ({ engine, http } = await listener('  allowedHosts: [lab.example.net]\n  trustProxy: true\n'));
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
  });
  const at = (host: string, path: string, headers: Record<string, string> = {}) =>
    rawRequest(`http://${host}:${http.port}${path}`, { headers });

  it('answers /metrics and the REST API at the LAN address 127.0.0.2', async () => {
    const m = await at('127.0.0.2', '/metrics');
    expect(m.status).toBe(200);
    expect(m.body).toContain('radius_packets_dropped_total');
    const s = await at('127.0.0.2', '/api/status', { authorization: `Bearer ${TOKEN}` });
    expect(s.status).toBe(200);
  });

  it.skipIf(!lan)("answers at this machine's own interface address", async () => {
    expect((await at(lan!, '/api/health')).status).toBe(200);
  });

  it('accepts web.allowedHosts names, refuses every other name (DNS rebinding → 421)', async () => {
    expect((await at('127.0.0.1', '/metrics', { host: 'lab.example.net' })).status).toBe(200);
    const evil = await at('127.0.0.2', '/metrics', { host: `rebind.attacker.example:${http.port}` });
    expect(evil.status).toBe(421);
    expect((await at('127.0.0.2', '/', { host: `192.0.2.250:${http.port}` })).status).toBe(421);
  });

  it('trustProxy: X-Forwarded-Host is checked too', async () => {
    expect((await at('127.0.0.1', '/metrics', { 'x-forwarded-host': 'lab.example.net' })).status).toBe(200);
    expect((await at('127.0.0.1', '/metrics', { 'x-forwarded-host': 'evil.example' })).status).toBe(421);
  });

  it('the desktop hand-off lands on the console; strangers are sent to the login page', async () => {
    const anon = await at('127.0.0.2', '/');
    expect(anon.status).toBe(303);
    expect(anon.headers.location).toBe('/admin/login?next=%2F');
    const ticket = http.admin.issueHandoff('alice@example.com', 'openid');
    const hand = await at('127.0.0.2', `/admin/login/handoff?ticket=${encodeURIComponent(ticket)}`);
    // A page that continues to "/" (so the ticket in the URL is not sent on as a Referer).
    expect(hand.status).toBe(200);
    const cookie = String(hand.headers['set-cookie']?.[0]).split(';')[0]!;
    const page = await at('127.0.0.2', '/', { cookie });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
    const session = await at('127.0.0.2', '/admin/session', { cookie });
    const csrf = (JSON.parse(session.body) as { csrf: string }).csrf;
    const rpc = await rawRequest(`http://127.0.0.2:${http.port}/rpc/lab.status`, {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(rpc.status).toBe(200);
  });
});

describe('web listener over HTTPS (web.tls) with the fixture CA', () => {
  let engine: Engine;
  let http: EngineHttp;
  beforeAll(async () => {
    ({ engine, http } = await listener('  tls: { cert: tls/server.pem, key: tls/server.key }\n'));
  });
  afterAll(async () => {
    await http?.close();
    await engine?.close();
  });
  const https = (path: string, o: Parameters<typeof rawRequest>[1] = {}) =>
    rawRequest(`https://127.0.0.2:${http.port}${path}`, { ca: CA, servername: 'localhost', ...o });

  it('serves /metrics and the API token over TLS at the LAN address', async () => {
    expect(http.scheme).toBe('https');
    expect((await https('/metrics')).status).toBe(200);
    expect((await https('/api/status', { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect((await https('/api/status', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('admin login works the same, with Secure cookies', async () => {
    const form = await https('/admin/login');
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const csrfCookie = String(form.headers['set-cookie']?.[0]);
    expect(csrfCookie).toMatch(/; Secure/);
    const login = await https('/admin/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie: csrfCookie.split(';')[0]!,
      },
      body: new URLSearchParams({ username: 'admin', password: 'admin-pass', csrf }).toString(),
    });
    expect(login.status).toBe(303);
    const session = (login.headers['set-cookie'] ?? []).find((c) => c.startsWith('aaa_lab_session='))!;
    expect(session).toMatch(/; Secure/);
    const page = await https('/', { headers: { cookie: session.split(';')[0]! } });
    expect(page.status).toBe(200);
  });

  it('refuses a client that does not trust the certificate, and plain HTTP', async () => {
    await expect(https('/metrics', { ca: undefined })).rejects.toThrow();
    await expect(rawRequest(`http://127.0.0.2:${http.port}/metrics`)).rejects.toThrow();
  });
});
