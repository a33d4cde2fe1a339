import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { startTestEngine, startTestServe, type TestServe } from '../support/engine';

/**
 * POST /api/client/radius and /api/client/tacacs against the fixture lab's own servers (ephemeral
 * ports), with the API token, as automation in the style of opencoa-client would call them.
 */
const TOKEN = 'lab-api-token-0123456789';
let engine: Engine;
let host: TestServe;
let port: (s: 'radius-auth' | 'radius-acct' | 'coa' | 'tacacs') => number;

beforeAll(async () => {
  ({ engine, port } = await startTestEngine({ ports: 'ephemeral' }));
  host = await startTestServe(engine);
});
afterAll(async () => {
  await host?.close();
  await engine?.close();
});

const post = (path: string, body: unknown, token = TOKEN) =>
  fetch(`${host.base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('REST client API', () => {
  it('RADIUS auth: Access-Accept with the decoded exchange, as client.radius returns it', async () => {
    const res = await post('/api/client/radius', {
      code: 'auth',
      host: '127.0.0.1',
      port: port('radius-auth'),
      secret: 'testing123',
      user: 'alice',
      password: 'alice-pass',
    });
    expect(res.status).toBe(200);
    const r = (await res.json()) as Record<string, unknown>;
    expect(r).toMatchObject({ code: 'Access-Accept' });
    expect(JSON.stringify(r)).not.toContain('alice-pass');
    expect(JSON.stringify(r.exchange ?? r)).toMatch(/Access-Request/);
  });

  it('RADIUS CoA with the Framed-IP-Netmask rule → CoA-NAK 407; Disconnect → ACK; Status-Server', async () => {
    const coa = await post('/api/client/radius', {
      code: 'coa',
      host: '127.0.0.1',
      port: port('coa'),
      secret: 'testing123',
      attributes: 'User-Name = alice\nFramed-IP-Netmask = 255.255.255.0',
    });
    expect(await coa.json()).toMatchObject({ code: 'CoA-NAK' });
    const disc = await post('/api/client/radius', {
      code: 'disconnect',
      host: '127.0.0.1',
      port: port('coa'),
      secret: 'testing123',
      preset: 'generic-disconnect',
      presetArgs: { session: 'S1', framedIp: '10.1.2.3' },
    });
    expect(await disc.json()).toMatchObject({ code: 'Disconnect-ACK' });
    const st = await post('/api/client/radius', {
      code: 'status',
      host: '127.0.0.1',
      port: port('radius-auth'),
      secret: 'testing123',
    });
    expect(await st.json()).toMatchObject({ code: 'Access-Accept' });
  });

  it('TACACS+ authenticate and authorize', async () => {
    const base = { host: '127.0.0.1', port: port('tacacs'), secret: 'testing123', user: 'alice' };
    const a = await post('/api/client/tacacs', { ...base, op: 'authenticate', password: 'alice-pass' });
    expect(await a.json()).toMatchObject({ status: 'PASS' });
    const z = await post('/api/client/tacacs', {
      ...base,
      user: 'bob',
      op: 'authorize',
      args: ['configure terminal'],
    });
    expect(await z.json()).toMatchObject({ status: 'FAIL' });
  });

  it('bad input names the field (400); no or wrong token is 401; /rpc refuses the API token', async () => {
    const bad = await post('/api/client/radius', { code: 'auth', host: '127.0.0.1', port: 'x', secret: '' });
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { issues: { path: string }[] } };
    expect(err.error.issues.map((i) => i.path)).toEqual(expect.arrayContaining(['port', 'secret']));
    expect((await post('/api/client/radius', '{not json')).status).toBe(400);
    expect((await post('/api/client/tacacs', {}, '')).status).toBe(401);
    expect((await post('/api/client/tacacs', {}, 'wrong')).status).toBe(401);
    expect((await post('/rpc/client.radius', {})).status).toBe(401);
  });

  it('is described in /api/openapi.json and browsable at /api/docs without a CDN', async () => {
    const doc = (await (await fetch(`${host.base}/api/openapi.json`)).json()) as {
      paths: Record<string, { post?: { requestBody?: unknown } }>;
    };
    expect(doc.paths['/api/client/radius']?.post?.requestBody).toBeTruthy();
    expect(doc.paths['/api/client/tacacs']?.post?.requestBody).toBeTruthy();
    const page = await (await fetch(`${host.base}/api/docs`)).text();
    expect(page).not.toMatch(/https?:\/\//);
    for (const src of page.match(/(?:src|href)="([^"]+)"/g)!.map((m) => m.slice(m.indexOf('"') + 1, -1))) {
      const r = await fetch(`${host.base}${src}`);
      expect(r.status, src).toBe(200);
    }
  });
});

describe('REST client API: EAP', () => {
  it('POST /api/client/eap runs an EAP conversation; a bad request is a 400 naming the field', async () => {
    const res = await post('/api/client/eap', {
      host: '127.0.0.1',
      port: port('radius-auth'),
      secret: 'testing123',
      method: 'md5',
      user: 'alice',
      password: 'alice-pass',
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      outcome: string;
      rounds: unknown[];
      exchange: Array<{ direction: string }>;
    };
    // lab.yaml has no EAP: the lab answers the EAP-Message with a Reject, which the result names.
    expect(body.outcome).toBe('reject');
    expect(body.exchange.map((e) => e.direction)).toEqual(['out', 'in']);
    const bad = await post('/api/client/eap', {
      host: '127.0.0.1',
      port: 1,
      secret: 'x',
      method: 'leap',
      user: 'a',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('method');
  });
});
