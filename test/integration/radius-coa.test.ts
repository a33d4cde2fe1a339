import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { decodeMessage, getAvp } from '../../src/engine/radius/codec/message';
import { secretBytes, signRequest, verifyResponse } from '../../src/engine/radius/codec/sign';
import { CoaResponder } from '../../src/engine/radius/coa/coa-responder';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { fixtureLab, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';

const radclient = requirePeer('radclient', 'freeradius-utils');
const dict = bundledDictionary().dictionary;

function rc(
  port: number,
  kind: string,
  input: string,
  secret = 'testing123',
): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = execFile(
      radclient!,
      ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, kind, secret],
      (err, so, se) => resolve({ code: err ? Number(err.code) : 0, out: so + se }),
    );
    p.stdin?.end(input);
  });
}

describe.skipIf(!radclient)('radclient → our CoA responder (fixture rules)', () => {
  let ctx: TestContext;
  let coa: CoaResponder;
  let port = 0;
  beforeAll(async () => {
    ctx = testContext();
    coa = new CoaResponder(ctx);
    port = portOf(await coa.start(), 'coa');
  });
  afterAll(() => coa.stop());

  it('CoA-Request → CoA-ACK', async () => {
    const r = await rc(
      port,
      'coa',
      'User-Name=alice,Acct-Session-Id=s1,Cisco-AVPair="subscriber:command=reauthenticate"',
    );
    expect(r.out).toContain('Received CoA-ACK');
    expect(r.code).toBe(0);
  });
  it('Disconnect-Request → Disconnect-ACK', async () => {
    const r = await rc(port, 'disconnect', 'User-Name=alice,Acct-Session-Id=s1');
    expect(r.out).toContain('Received Disconnect-ACK');
  });
  it('Framed-IP-Netmask → CoA-NAK with Error-Cause 407', async () => {
    const r = await rc(port, 'coa', 'User-Name=alice,Framed-IP-Netmask=255.255.255.0');
    expect(r.out).toContain('Received CoA-NAK');
    expect(r.out).toContain('Error-Cause = Invalid-Attribute-Value');
    // Both the request row and the NAK row name the responder rule that decided.
    const [req, nak] = ctx.traces.slice(-2);
    const why = 'rule 1: has Framed-IP-Netmask → NAK 407 Invalid-Attribute-Value';
    expect(req!.direction).toBe('in');
    expect(req!.decision).toEqual({ allow: false, reasons: ['device lab-loopback', why] });
    expect(nak!.direction).toBe('out');
    expect(nak!.decision?.reasons).toContain(why);
  });
  it('a wrong secret is dropped with a diagnosis', async () => {
    const r = await rc(port, 'coa', 'User-Name=alice', 'other-secret');
    expect(r.out).not.toContain('Received CoA');
    expect(ctx.traces.at(-1)!.diagnosis).toContain('device lab-alt');
  });
});

describe('CoA rules: equals, code, unknownSession, delay, drop', () => {
  const lab = fixtureLab((y) =>
    y.replace(
      /rules:[\s\S]*?- then: ack[^\n]*\n/,
      `rules:
    - if: { attribute: User-Name, equals: slow }
      then: { ack: true, delayMs: 300 }
    - if: { attribute: User-Name, equals: silent }
      then: drop
    - if: { code: Disconnect-Request, unknownSession: true }
      then: { nak: 503 }
    - then: ack
`,
    ),
  );
  let ctx: TestContext;
  let coa: CoaResponder;
  let port = 0;
  const secret = secretBytes('testing123');
  beforeAll(async () => {
    ctx = testContext(lab);
    coa = new CoaResponder(ctx, (id) => id === 'live-1');
    port = portOf(await coa.start(), 'coa');
  });
  afterAll(() => coa.stop());

  async function send(code: number, pairs: Array<{ name: string; value: string }>, waitMs = 150) {
    const pkt = signRequest(code, 3, buildAttributes(pairs, dict), secret);
    const sock = createSocket('udp4');
    const got: Buffer[] = [];
    const t0 = Date.now();
    let at = 0;
    sock.on('message', (m) => {
      got.push(m);
      at = Date.now() - t0;
    });
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.send(pkt, port, '127.0.0.1');
    await new Promise((r) => setTimeout(r, waitMs));
    sock.close();
    return { reply: got[0], at, req: pkt };
  }

  it('delays, drops, NAKs unknown sessions with 503 and ACKs known ones', async () => {
    const slow = await send(43, [{ name: 'User-Name', value: 'slow' }], 600);
    expect(slow.reply?.[0]).toBe(44);
    expect(slow.at).toBeGreaterThanOrEqual(280);
    expect(verifyResponse(slow.reply!, slow.req.subarray(4, 20), secret)).toEqual({
      authenticator: 'ok',
      messageAuthenticator: 'ok',
    });
    expect((await send(43, [{ name: 'User-Name', value: 'silent' }])).reply).toBeUndefined();
    const unknown = await send(40, [{ name: 'Acct-Session-Id', value: 'gone' }]);
    expect(unknown.reply?.[0]).toBe(42);
    expect(getAvp(decodeMessage(unknown.reply!, dict), 'Error-Cause')?.display).toBe(
      'Session-Context-Not-Found',
    );
    expect((await send(40, [{ name: 'Acct-Session-Id', value: 'live-1' }])).reply?.[0]).toBe(41);
    expect(ctx.traces.at(-1)!.decision?.reasons.at(-1)).toBe('rule 4: any request → ACK');
  });
});
