import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcedureName } from '../../src/contract/procedures';
import type { Engine } from '../../src/engine/lab';
import { callProcedure, startTestEngine } from '../support/engine';

/** A Test client exchange with this lab carries the lab's own records, Decision and Diagnosis. */
let engine: Engine;
const ports: Record<string, number> = {};

beforeAll(async () => {
  ({ engine } = await startTestEngine({ ports: 'ephemeral' }));
  for (const l of engine.status().services.flatMap((s) => s.listeners)) ports[l.service] ??= l.port;
});

afterAll(async () => {
  await engine?.close();
});

const call = <K extends ProcedureName>(name: K, input: unknown) => callProcedure(engine, name, input);
const tacacs = (over: Record<string, unknown>) => ({
  host: '127.0.0.1',
  port: ports.tacacs,
  secret: 'testing123',
  ...over,
});

describe('Test client results with the lab view', () => {
  it("links each packet to the server's record and gives the policy's Decision", async () => {
    const r = await call(
      'client.tacacs',
      tacacs({ op: 'authorize', user: 'bob', args: ['configure terminal'] }),
    );
    expect(r.status).toBe('FAIL');
    expect(r.lab?.traceIds).toHaveLength(2);
    for (const e of r.exchange) {
      const mine = engine.trace.get(e.traceId!)!;
      const lab = engine.trace.get(e.labTraceId!)!;
      expect([mine.role, lab.role]).toEqual(['client', 'server']);
      expect(Buffer.compare(mine.bytes, lab.bytes)).toBe(0);
    }
    expect(r.lab?.decision?.allow).toBe(false);
    expect(r.lab?.decision?.reasons.join(' ')).toMatch(/configure terminal/);
  });

  it("a wrong secret brings the lab's diagnosis", async () => {
    const r = await call(
      'client.tacacs',
      tacacs({ op: 'authenticate', type: 'pap', user: 'alice', password: 'alice-pass', secret: 'wrong' }),
    );
    expect(r.status).toBe('no-reply');
    expect(r.lab?.diagnosis).toMatch(/secret/i);
  });

  it('has no lab view for a server that is not this lab', async () => {
    const r = await call('client.radius', {
      code: 'auth',
      host: '127.0.0.1',
      port: 9,
      secret: 'x',
      user: 'a',
      password: 'b',
      timeoutMs: 200,
    });
    expect(r.code).toBe('no-reply');
    expect(r.lab).toBeUndefined();
  });
});
