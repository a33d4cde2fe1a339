import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/lab';
import { slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';
import { callProcedure, startTestEngine } from '../support/engine';

// Issue 5's acceptance, through the real servers: lab-ldap.yaml with slapd on 127.0.0.1:3389; carol
// (netadmins → netops) may run anything and dave (helpdesk-staff → helpdesk) only `show …`, over
// TACACS+ and RADIUS alike; with the directory down, local users still work and LDAP users fail fast.
describe.skipIf(!slapdAvailable())('LDAP users through the TACACS+ and RADIUS servers', () => {
  let slapd: SlapdPeer | undefined;
  let engine: Engine;
  let tacacsPort: number;
  let radiusPort: number;

  const tacacs = (op: string, user: string, extra: Record<string, unknown> = {}) =>
    callProcedure(engine, 'client.tacacs', {
      op,
      host: '127.0.0.1',
      port: tacacsPort,
      secret: 'testing123',
      user,
      type: 'pap',
      ...extra,
    });
  const radius = (user: string, password: string) =>
    callProcedure(engine, 'client.radius', {
      code: 'auth',
      host: '127.0.0.1',
      port: radiusPort,
      secret: 'testing123',
      user,
      password,
      method: 'pap',
      retries: 0,
      timeoutMs: 4000,
    });

  beforeAll(async () => {
    slapd = await startSlapd({ port: 3389 });
    // Listeners on ephemeral ports (the LDAP URL is unquoted and keeps 3389).
    const lab = await startTestEngine({
      lab: 'lab-ldap.yaml',
      ports: 'ephemeral',
      env: { LDAP_BIND_PASSWORD: 'adminpw' },
    });
    engine = lab.engine;
    tacacsPort = lab.port('tacacs');
    radiusPort = lab.port('radius-auth');
  });

  afterAll(async () => {
    await engine?.close();
    await slapd?.stop();
  });

  it('carol logs in over TACACS+ and may configure; dave logs in but may only show', async () => {
    expect((await tacacs('authenticate', 'carol', { password: 'carol-pass' })).status).toBe('PASS');
    expect((await tacacs('authenticate', 'carol', { password: 'wrong' })).status).toBe('FAIL');
    expect((await tacacs('authorize', 'carol', { args: ['configure terminal'] })).pass).toBe(true);
    expect((await tacacs('authenticate', 'dave', { password: 'dave-pass' })).status).toBe('PASS');
    expect((await tacacs('authorize', 'dave', { args: ['show running-config'] })).pass).toBe(true);
    expect((await tacacs('authorize', 'dave', { args: ['configure terminal'] })).pass).toBe(false);
  });

  it('carol and dave get their groups’ RADIUS replies', async () => {
    const carol = await radius('carol', 'carol-pass');
    expect(carol.code).toBe('Access-Accept');
    expect(carol.attributes).toContainEqual(['Service-Type', 'Administrative-User (6)']);
    const dave = await radius('dave', 'dave-pass');
    expect(dave.code).toBe('Access-Accept');
    expect(dave.attributes).toContainEqual(['Service-Type', 'NAS-Prompt-User (7)']);
    expect((await radius('dave', 'nope')).code).toBe('Access-Reject');
  });

  it('with the directory down, local alice still works and carol fails fast', async () => {
    await slapd?.stop();
    slapd = undefined;
    expect((await tacacs('authenticate', 'alice', { password: 'alice-pass' })).status).toBe('PASS');
    const carol = await tacacs('authenticate', 'carol', { password: 'carol-pass' });
    expect(carol.status).toBe('FAIL');
    expect(carol.durationMs).toBeLessThan(3000);
    const trace = engine.trace.list({ user: 'carol', limit: 5 }).rows.find((r) => r.direction === 'out');
    const reasons = trace ? engine.trace.get(trace.id)?.decision?.reasons.join(' → ') : '';
    expect(reasons).toMatch(/unreachable|ECONNREFUSED/);
  });
});
