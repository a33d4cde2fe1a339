import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { callProcedure, startTestEngine } from '../support/engine';

// Dual-stack labs: TACACS+ and RADIUS listeners on [::1] and a device matched by an IPv6 CIDR.
describe('IPv6 listeners and devices', () => {
  let engine: Engine;
  let port: (s: 'tacacs' | 'radius-auth') => number;

  beforeAll(async () => {
    const lab = await startTestEngine({
      ports: 'ephemeral',
      edit: (text) =>
        text
          .replace('listen: ["127.0.0.1:0"]', 'listen: ["127.0.0.1:0", "[::1]:0"]')
          .replace('auth: ["127.0.0.1:0"]', 'auth: ["[::1]:0"]')
          .replace(
            'devices:',
            'devices:\n  - name: v6-loopback\n    match: "::1/128"\n    tacacsSecret: v6-secret\n    radiusSecret: v6-secret',
          ),
    });
    engine = lab.engine;
    port = (service) => {
      const l = engine
        .status()
        .services.flatMap((s) => s.listeners)
        .filter((x) => x.service === service);
      return l.find((x) => x.address === '::1')!.port;
    };
  });

  afterAll(async () => {
    await engine?.close();
  });

  it('answers TACACS+ over IPv6 with the IPv6 device’s secret', async () => {
    const ok = await callProcedure(engine, 'client.tacacs', {
      op: 'authenticate',
      host: '::1',
      port: port('tacacs'),
      secret: 'v6-secret',
      user: 'alice',
      password: 'alice-pass',
      type: 'pap',
    });
    expect(ok.status).toBe('PASS');
    const v4secret = await callProcedure(engine, 'client.tacacs', {
      op: 'authenticate',
      host: '::1',
      port: port('tacacs'),
      secret: 'testing123',
      user: 'alice',
      password: 'alice-pass',
      type: 'pap',
      timeoutMs: 2000,
    });
    expect(v4secret.pass).toBe(false);
    const row = engine.trace
      .list({ protocol: ['tacacs'], limit: 50 })
      .rows.find((r) => r.role === 'server' && r.remote.address === '::1' && r.direction === 'in');
    expect(row?.device).toBe('v6-loopback');
  });

  it('answers RADIUS over IPv6', async () => {
    const r = await callProcedure(engine, 'client.radius', {
      code: 'auth',
      host: '::1',
      port: port('radius-auth'),
      secret: 'v6-secret',
      user: 'bob',
      password: 'bob-pass',
      method: 'pap',
      retries: 0,
      timeoutMs: 2000,
    });
    expect(r.code).toBe('Access-Accept');
  });
});
