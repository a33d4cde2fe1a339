import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';

/** trace.inner: the decrypted inner conversation of an EAP exchange, from any of its packets. */
const ca = readFileSync('/work/shared/fixtures/tls/ca.pem', 'utf8');

describe('trace.inner', () => {
  let t: TestEngine;
  beforeAll(async () => {
    t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
  });
  afterAll(async () => {
    await t?.engine.stop();
  });

  const peap = () =>
    callProcedure(t.engine, 'client.eap', {
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'peap',
      user: 'alice',
      password: 'alice-pass',
      ca,
      serverName: 'localhost',
    });

  it('gives every round of a PEAP conversation with its inner EAP-MSCHAPv2 messages, secrets masked', async () => {
    const first = await peap();
    const other = await peap(); // a second conversation from the same address must not mix in
    expect(first.outcome).toBe('accept');
    expect(other.outcome).toBe('accept');
    const ids = first.lab!.traceIds;
    // From the first packet (no State yet: the reply's State names the conversation) and the last.
    for (const id of [ids[0]!, ids.at(-1)!]) {
      const { rounds } = await callProcedure(t.engine, 'trace.inner', { id });
      const inner = rounds.flatMap((r) => r.records.map((x) => `${x.direction} ${x.summary}`));
      expect(inner).toEqual([
        'out inner EAP-Request/Identity',
        'in inner EAP-Response/Identity alice',
        'out EAP-MSCHAPv2 Challenge',
        'in EAP-MSCHAPv2 Response (user alice)',
        'out EAP-MSCHAPv2 Success',
        'in EAP-MSCHAPv2 Success',
        'out EAP-TLV Request Result Success',
        'in EAP-TLV Response Result Success',
      ]);
      expect(rounds.every((r) => r.records.every((x) => x.parent === r.outer.id))).toBe(true);
      expect(rounds.every((r) => ids.includes(r.outer.id))).toBe(true);
      const response = rounds.flatMap((r) => r.records).find((x) => x.summary.includes('Response (user'))!;
      const nt = JSON.stringify(response.dissection);
      expect(nt).toContain('NT-Response');
      expect(nt).toMatch(/hidden \(24 bytes\)/);
    }
  });

  it('an inner record leads to its conversation too; a packet without one gives no rounds', async () => {
    const r = await peap();
    const { rounds } = await callProcedure(t.engine, 'trace.inner', { id: r.lab!.traceIds.at(-1)! });
    const innerId = rounds[0]!.records[0]!.id;
    expect((await callProcedure(t.engine, 'trace.inner', { id: innerId })).rounds).toHaveLength(
      rounds.length,
    );
    const md5 = await callProcedure(t.engine, 'client.eap', {
      host: '127.0.0.1',
      port: t.port('radius-auth'),
      secret: 'testing123',
      method: 'md5',
      user: 'alice',
      password: 'alice-pass',
    });
    expect((await callProcedure(t.engine, 'trace.inner', { id: md5.lab!.traceIds[0]! })).rounds).toEqual([]);
    expect((await callProcedure(t.engine, 'trace.inner', { id: 10_000_000 })).rounds).toEqual([]);
  });
});
