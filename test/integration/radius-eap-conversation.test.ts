import fc from 'fast-check';
import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes, type AttrInput } from '../../src/engine/radius/codec/build';
import { decodeMessage, getAll, getAvp } from '../../src/engine/radius/codec/message';
import {
  randomAuthenticator,
  secretBytes,
  signRequest,
  verifyResponse,
} from '../../src/engine/radius/codec/sign';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { decodeEap, encodeEap, splitEap } from '../../src/engine/radius/eap/codec';
import type { FieldNode } from '../../src/engine/packet-view';
import { startTestEngine, type TestEngine } from '../support/engine';

/**
 * The EAP conversation at the running server, packet by packet (what eapol_test cannot be made to
 * do): a supplicant that stops answering, a NAK for nothing the lab offers, an EAP packet split over
 * two EAP-Message attributes, and seeded hostile EAP content.
 */
const dict = bundledDictionary().dictionary;
const secret = secretBytes('testing123');

describe('EAP conversations at the server (lab-eap.yaml, ephemeral ports)', () => {
  let t: TestEngine;
  let sock: Socket;
  let port = 0;
  let id = 0;
  const replies = new Map<number, Buffer>();

  beforeAll(async () => {
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (text) =>
        text.replace(/(\n {4}tls: \{ minVersion.*\n)/, '$1    limits: { roundTimeoutMs: 300 }\n'),
    });
    port = t.port('radius-auth');
    sock = createSocket('udp4');
    sock.on('message', (m) => replies.set(m[1]!, m));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  });
  afterAll(async () => {
    sock?.close();
    await t?.engine.stop();
  });

  /** One Access-Request carrying `eap` (split at 253 bytes), with Message-Authenticator. */
  async function send(eap: Buffer, state?: Buffer, waitMs = 300) {
    const rid = id++ & 0xff;
    const auth = randomAuthenticator();
    const attrs: AttrInput[] = [{ name: 'User-Name', value: 'alice' }];
    for (const v of eap.length ? splitEap(eap) : [eap]) attrs.push({ name: 'EAP-Message', value: v });
    if (state) attrs.push({ name: 'State', value: state });
    const req = signRequest(1, rid, buildAttributes(attrs, dict), secret, { authenticator: auth });
    replies.delete(rid);
    sock.send(req, port, '127.0.0.1');
    const until = Date.now() + waitMs;
    while (!replies.has(rid) && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    const bytes = replies.get(rid);
    if (!bytes) return { rid };
    expect(verifyResponse(bytes, auth, secret)).toEqual({ authenticator: 'ok', messageAuthenticator: 'ok' });
    const m = decodeMessage(bytes, dict);
    const eapReply = decodeEap(Buffer.concat(getAll(m, 'EAP-Message').map((a) => a.raw)));
    return { rid, code: m.code, state: getAvp(m, 'State')?.raw, eap: eapReply };
  }
  const identity = (name: string, eapId = 0) =>
    encodeEap({ code: 2, identifier: eapId, type: 1, typeData: Buffer.from(name) });
  const inRecord = (rid: number) =>
    t.engine.trace
      .list({ protocol: ['radius'], limit: 5000 })
      .rows.find((r) => r.direction === 'in' && r.summary.startsWith(`Access-Request id=${rid} `));

  it('a supplicant silent past roundTimeoutMs: dropped, counted, traced, and its late answer rejected', async () => {
    const ch = await send(identity('alice'));
    expect(ch.code).toBe(11);
    expect(ch.state).toBeDefined();
    await new Promise((r) => setTimeout(r, 1300));
    const late = await send(
      encodeEap({ code: 2, identifier: ch.eap!.identifier, type: 3, typeData: Buffer.of(4) }),
      ch.state,
    );
    expect(late.code).toBe(3);
    expect(late.eap?.code).toBe(4);
    expect(inRecord(late.rid)?.diagnosis).toMatch(/timed out between rounds.*dot1x timeout too short/);
    const dropped = t.engine.trace.list({ text: 'dropped: round-timeout', limit: 10 }).rows;
    expect(dropped.length).toBe(1);
    const metric = await t.engine.metrics.registry.getSingleMetricAsString('eap_conversations_dropped_total');
    expect(metric).toContain('eap_conversations_dropped_total{reason="round-timeout"} 1');
  });

  it('a NAK asking for nothing the lab offers ends in Access-Reject saying so', async () => {
    const ch = await send(identity('alice'));
    const end = await send(
      encodeEap({ code: 2, identifier: ch.eap!.identifier, type: 3, typeData: Buffer.of(99) }),
      ch.state,
    );
    expect(end.code).toBe(3);
    expect(end.eap).toMatchObject({ code: 4, identifier: ch.eap!.identifier });
    expect(inRecord(end.rid)?.diagnosis).toMatch(
      /method refused by the supplicant: .*\(NAK\) and asked for Type 99/,
    );
  });

  it('an EAP packet over two EAP-Message attributes is reassembled, and the trace says so', async () => {
    const ch = await send(identity('a'.repeat(300)));
    expect(ch.code).toBe(11);
    const rec = t.engine.trace.get(inRecord(ch.rid)!.id)!;
    const flat = (n: FieldNode[]): FieldNode[] => n.flatMap((x) => [x, ...flat(x.children ?? [])]);
    const eapNode = flat(rec.dissection).find((n) => n.label.startsWith('EAP packet'));
    expect(eapNode?.label).toBe('EAP packet (reassembled from 2 EAP-Message attributes)');
    expect(eapNode?.value).toMatch(/^Response\/Identity, id 0, 305 bytes/);
  });

  it('EAP-Start (an empty EAP-Message, RFC 3579 §2.1) is answered with EAP-Request/Identity', async () => {
    const ch = await send(Buffer.alloc(0));
    expect(ch.code).toBe(11);
    expect(ch.eap).toMatchObject({ code: 1, type: 1 });
    const next = await send(identity('alice', ch.eap!.identifier), ch.state);
    expect(next.code).toBe(11);
    expect(next.state).toEqual(ch.state);
  });

  it('seeded hostile EAP content: every answer is a Challenge, a Reject or nothing; the server stays up', async () => {
    const seeds = [
      identity('alice'),
      encodeEap({ code: 2, identifier: 1, type: 4, typeData: Buffer.alloc(17) }),
      encodeEap({ code: 2, identifier: 1, type: 3, typeData: Buffer.of(6) }),
    ];
    const samples = fc.sample(
      fc.tuple(
        fc.nat(seeds.length - 1),
        fc.array(fc.tuple(fc.nat(30), fc.nat(255)), { maxLength: 5 }),
        fc.nat(40),
        fc.boolean(),
      ),
      { numRuns: 50, seed: 3579 },
    );
    let state: Buffer | undefined;
    for (const [si, flips, cut, withState] of samples) {
      const b = Buffer.from(seeds[si]!);
      for (const [at, v] of flips) if (at < b.length) b[at] = v;
      const r = await send(
        b.subarray(0, Math.max(1, Math.min(b.length, cut))),
        withState ? state : undefined,
        150,
      );
      if (r.code !== undefined) expect([3, 11]).toContain(r.code);
      if (r.code === 11) state = r.state;
    }
    const ok = await send(identity('alice'));
    expect(ok.code).toBe(11);
  });
});

describe('a lab without radius.eap (lab.yaml)', () => {
  it('answers EAP with Access-Reject + EAP-Failure saying EAP is not enabled', async () => {
    const t = await startTestEngine({ lab: 'lab.yaml', ports: 'ephemeral' });
    try {
      const sock = createSocket('udp4');
      const reply = new Promise<Buffer>((r) => sock.once('message', r));
      await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
      const eap = encodeEap({ code: 2, identifier: 4, type: 1, typeData: Buffer.from('alice') });
      const attrs = buildAttributes(
        [
          { name: 'User-Name', value: 'alice' },
          { name: 'EAP-Message', value: eap },
        ],
        dict,
      );
      sock.send(signRequest(1, 9, attrs, secret), t.port('radius-auth'), '127.0.0.1');
      const m = decodeMessage(await reply, dict);
      sock.close();
      expect(m.code).toBe(3);
      expect(decodeEap(getAvp(m, 'EAP-Message')!.raw)).toMatchObject({ code: 4, identifier: 4 });
      const rec = t.engine.trace
        .list({ protocol: ['radius'], limit: 5 })
        .rows.find((r) => r.direction === 'in');
      expect(rec?.diagnosis).toBe('EAP is not enabled in this lab (no radius.eap section)');
    } finally {
      await t.engine.stop();
    }
  });
});
