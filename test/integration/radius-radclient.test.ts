import { execFile } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import {
  randomAuthenticator,
  secretBytes,
  signRequest,
  verifyResponse,
} from '../../src/engine/radius/codec/sign';
import { portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';

const radclient = requirePeer('radclient', 'freeradius-utils');
const radtest = requirePeer('radtest', 'freeradius-utils');
const dict = bundledDictionary().dictionary;

interface Run {
  code: number;
  out: string;
}

function run(cmd: string, args: string[], input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const p = execFile(cmd, args, { timeout: 15_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      resolve({ code, out: stdout + stderr });
    });
    if (input !== undefined) p.stdin?.end(input);
  });
}

/** Sends raw bytes from a chosen loopback source address and collects replies for `waitMs`. */
async function rawExchange(
  bytes: Buffer[],
  port: number,
  from = '127.0.0.1',
  waitMs = 300,
): Promise<Buffer[]> {
  const sock = createSocket('udp4');
  const replies: Buffer[] = [];
  sock.on('message', (m) => replies.push(m));
  await new Promise<void>((r) => sock.bind(0, from, () => r()));
  for (const b of bytes) sock.send(b, port, '127.0.0.1');
  await new Promise((r) => setTimeout(r, waitMs));
  sock.close();
  return replies;
}

describe.skipIf(!radclient || !radtest)('radclient/radtest → our RADIUS server', () => {
  let ctx: TestContext;
  let server: RadiusServer;
  let auth = 0;
  let acct = 0;
  const rc = (input: string, kind: string, secret = 'testing123', port = auth) =>
    run(radclient!, ['-x', '-r', '1', '-t', '2', `127.0.0.1:${port}`, kind, secret], input);

  beforeAll(async () => {
    ctx = testContext();
    server = new RadiusServer(ctx);
    const l = await server.start();
    auth = portOf(l, 'radius-auth');
    acct = portOf(l, 'radius-acct');
  });
  afterAll(() => server.stop());

  it('PAP accept carries the group reply attributes and a first-position Message-Authenticator', async () => {
    const r = await rc('User-Name=alice,User-Password=alice-pass', 'auth');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Received Access-Accept');
    expect(r.out).toContain('Service-Type = Administrative-User');
    expect(r.out).toContain('Cisco-AVPair = "shell:priv-lvl=15"');
    const out = ctx.traces.filter((t) => t.direction === 'out').at(-1)!;
    expect(out.bytes[20]).toBe(80);
    const inRow = ctx.traces.filter((t) => t.direction === 'in').at(-1)!;
    expect(inRow.decision?.allow).toBe(true);
    expect(JSON.stringify(inRow.dissection)).toContain('decrypts cleanly with the configured secret');
    expect(JSON.stringify(inRow.dissection)).not.toContain('alice-pass');
  });

  it('wrong password → Access-Reject with Reply-Message', async () => {
    const r = await rc('User-Name=alice,User-Password=nope', 'auth');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Received Access-Reject');
    expect(r.out).toContain('Reply-Message = "Authentication failed"');
  });

  it('CHAP (radclient computes CHAP-Password over the request authenticator)', async () => {
    const r = await rc('User-Name=bob,CHAP-Password=bob-pass', 'auth');
    expect(r.code).toBe(0);
    expect(r.out).toContain('Service-Type = NAS-Prompt-User');
  });

  it('radtest -t chap and -t mschap', async () => {
    const chap = await run(radtest!, [
      '-t',
      'chap',
      'alice',
      'alice-pass',
      `127.0.0.1:${auth}`,
      '0',
      'testing123',
    ]);
    expect(chap.out).toContain('Received Access-Accept');
    const ms = await run(radtest!, [
      '-t',
      'mschap',
      'alice',
      'alice-pass',
      `127.0.0.1:${auth}`,
      '0',
      'testing123',
    ]);
    expect(ms.out).toContain('Received Access-Accept');
    const bad = await run(radtest!, [
      '-t',
      'mschap',
      'alice',
      'wrong',
      `127.0.0.1:${auth}`,
      '0',
      'testing123',
    ]);
    expect(bad.out).toContain('Received Access-Reject');
  });

  it('accounting start / interim / stop are stored before the response', async () => {
    const before = ctx.records.length;
    for (const st of ['Start', 'Interim-Update', 'Stop']) {
      const r = await rc(
        `Acct-Status-Type=${st},User-Name=alice,Acct-Session-Id=sess-1,Framed-IP-Address=10.0.0.5,Acct-Session-Time=60`,
        'acct',
        'testing123',
        acct,
      );
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('Received Accounting-Response');
    }
    expect(ctx.records.slice(before).map((x) => x.status)).toEqual(['start', 'interim', 'stop']);
    expect(ctx.records.at(-1)).toMatchObject({
      sessionId: 'sess-1',
      username: 'alice',
      device: 'lab-loopback',
      remoteAddress: '10.0.0.5',
    });
  });

  it('Status-Server is answered on the auth and the acct port', async () => {
    const a = await rc('Message-Authenticator=0x00', 'status');
    expect(a.out).toContain('Received Access-Accept');
    const b = await rc('Message-Authenticator=0x00', 'status', 'testing123', acct);
    expect(b.out).toContain('Received Accounting-Response');
  });

  it('a wrong secret is never accepted and the trace names whose secret it is', async () => {
    const r = await rc('User-Name=alice,User-Password=alice-pass', 'auth', 'other-secret');
    expect(r.out).not.toContain('Received Access-Accept');
    const row = ctx.traces.filter((t) => t.direction === 'in').at(-1)!;
    expect(row.diagnosis).toContain('device lab-alt');
    const acctBad = await rc('Acct-Status-Type=Start,User-Name=alice', 'acct', 'zzz-unknown', acct);
    expect(acctBad.out).not.toContain('Received Accounting-Response');
    const acctRow = ctx.traces.filter((t) => t.direction === 'in').at(-1)!;
    expect(acctRow.result).toBe('drop');
    expect(acctRow.diagnosis).toContain('no secret known to the lab matches');
  });

  it('a duplicate (same source, id, authenticator) gets the identical cached reply and is traced as such', async () => {
    const ra = randomAuthenticator();
    const secret = secretBytes('testing123');
    const pkt = signRequest(
      1,
      77,
      buildAttributes(
        [
          { name: 'User-Name', value: 'alice' },
          { name: 'User-Password', value: 'alice-pass' },
        ],
        dict,
        { secret, authenticator: ra },
      ),
      secret,
      { authenticator: ra },
    );
    const replies = await rawExchange([pkt, pkt], auth);
    expect(replies.length).toBe(2);
    expect(replies[0]!.equals(replies[1]!)).toBe(true);
    expect(verifyResponse(replies[0]!, ra, secret)).toEqual({
      authenticator: 'ok',
      messageAuthenticator: 'ok',
    });
    expect(ctx.traces.some((t) => t.duplicate && t.direction === 'in')).toBe(true);
  });

  it('requireMessageAuthenticator (device lab-alt) discards an Access-Request without one', async () => {
    const secret = secretBytes('other-secret');
    const ra = randomAuthenticator();
    const attrs = buildAttributes(
      [
        { name: 'User-Name', value: 'alice' },
        { name: 'User-Password', value: 'alice-pass' },
      ],
      dict,
      { secret, authenticator: ra },
    );
    const without = signRequest(1, 5, attrs, secret, { authenticator: ra, messageAuthenticator: false });
    expect(await rawExchange([without], auth, '127.0.0.3')).toEqual([]);
    expect(ctx.traces.at(-1)!.diagnosis).toContain('Message-Authenticator required');
    const withMA = signRequest(1, 6, attrs, secret, { authenticator: ra });
    expect((await rawExchange([withMA], auth, '127.0.0.3'))[0]?.[0]).toBe(2);
  });

  it('unknown clients and malformed packets are dropped, traced, and the server keeps answering', async () => {
    const secret = secretBytes('testing123');
    const pkt = signRequest(1, 9, buildAttributes([{ name: 'User-Name', value: 'x' }], dict), secret);
    expect(await rawExchange([pkt], auth, '127.0.0.9')).toEqual([]);
    expect(ctx.traces.at(-1)!.diagnosis).toContain('unknown client 127.0.0.9');
    const bad = Buffer.from(pkt);
    bad[21] = 200; // attribute runs past the end
    expect(await rawExchange([bad, Buffer.alloc(5)], auth)).toEqual([]);
    expect(ctx.traces.at(-1)!.result).toBe('drop');
    const r = await rc('User-Name=alice,User-Password=alice-pass', 'auth');
    expect(r.code).toBe(0);
  });
});
