import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import type { Engine } from '../../src/engine/lab';
import { startTestEngine } from '../support/engine';

/**
 * Display filters evaluated by the engine over the trace ring: list fields from the columns, packet
 * fields (RADIUS attributes, TACACS+ arguments) from each record's dissection.
 */
let engine: Engine;

beforeAll(async () => {
  ({ engine } = await startTestEngine({ ports: 'ephemeral' }));
  const port = (service: string) =>
    engine
      .status()
      .services.flatMap((s) => s.listeners)
      .find((l) => l.service === service)!.port;
  // Through the dispatcher, so the contract fills the defaults as for the renderer.
  const h = {
    'client.radius': (input: object) => dispatch(engine.handlers, 'client.radius', input),
    'client.tacacs': (input: object) => dispatch(engine.handlers, 'client.tacacs', input),
  };
  const base = { host: '127.0.0.1', secret: 'testing123' };
  for (const [id, status] of [
    ['S1', 'Start'],
    ['S2', 'Start'],
    ['S1', 'Stop'],
  ] as const)
    await h['client.radius']({
      ...base,
      port: port('radius-acct'),
      code: 'acct',
      user: 'carol',
      acctStatus: status,
      attributes: `Acct-Session-Id = "${id}"`,
    });
  await h['client.tacacs']({
    ...base,
    port: port('tacacs'),
    op: 'authorize',
    user: 'bob',
    args: ['show version'],
  });
  await h['client.tacacs']({
    ...base,
    port: port('tacacs'),
    op: 'authenticate',
    type: 'pap',
    user: 'bob',
    password: 'wrong',
  });
  engine.trace.flush();
});

afterAll(async () => {
  await engine?.close();
});

const list = (expr: string) => engine.trace.list({ expr, role: ['server'], limit: 100 }).rows;

describe('trace.list with a display filter', () => {
  it('finds RADIUS requests by any attribute', () => {
    const rows = list('radius.Acct-Session-Id == "S1"');
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.protocol === 'radius-acct' && r.direction === 'in')).toBe(true);
    expect(list('radius.Acct-Session-Id == "S1" && radius.Acct-Status-Type == Stop')).toHaveLength(1);
  });

  it('finds TACACS+ packets by user, result and argument', () => {
    expect(list('tacacs.user ~ "bo" && result == fail').map((r) => r.summary)).toEqual([
      expect.stringMatching(/REPLY FAIL|FAIL/i),
    ]);
    expect(list('tacacs.cmd == show && dir == in')).toHaveLength(1);
    const session = list('tacacs && user == bob')[0]!.sessionId!;
    expect(session).toMatch(/^0x[0-9a-f]{8}$/);
    expect(list(`session == ${session}`).length).toBeGreaterThanOrEqual(2);
    expect(list(`session == ${parseInt(session, 16)}`)).toEqual(list(`session == ${session}`));
  });

  it('refuses a bad filter with invalid_input naming the column', async () => {
    const env = await dispatch(engine.handlers, 'trace.list', { expr: 'user = bob' });
    expect(env).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        issues: [{ path: 'expr', message: expect.stringMatching(/column 6.*"=="/) }],
      },
    });
  });
});
