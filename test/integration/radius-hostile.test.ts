import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { CODES } from '../../src/engine/radius/codec/constants';
import { randomAuthenticator, secretBytes, signRequest } from '../../src/engine/radius/codec/sign';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { CoaResponder } from '../../src/engine/radius/coa/coa-responder';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { RadsecServer } from '../../src/engine/radius/radsec/radsec-server';
import { fixtureLab, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { MA_FAULTS, REPRODUCER, faultyRequest } from '../support/ma-packets';
import { radsecExchange, udpExchange } from '../support/radius-wire';

/**
 * Hostile input at the running server: seeded random and mutated datagrams, undersize (< 20) and
 * oversize (> 4096) packets at the auth, acct and CoA ports. Every one must end as a drop in the trace
 * (no reply, no error, no crash) and valid requests must be answered afterwards.
 *
 * requireMessageAuthenticator is on for this lab, so a mutation that happens to turn the
 * Message-Authenticator into another attribute cannot yield a valid Access-Request; Accounting and
 * CoA requests are covered by their Request Authenticator.
 */
const SEED = 0x5eed4;
const PER_PORT = 700;
const SECRET = secretBytes('testing123');
const dict = bundledDictionary().dictionary;

/** mulberry32: a tiny seeded PRNG, so a failure replays byte for byte. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function validRequests(): Record<'auth' | 'acct' | 'coa', Buffer[]> {
  const access = (user: string, pw: string) => {
    const authenticator = randomAuthenticator();
    return signRequest(
      CODES['Access-Request'],
      7,
      buildAttributes(
        [
          { name: 'User-Name', value: user },
          { name: 'User-Password', value: pw },
          { name: 'NAS-Port', value: 3 },
          { name: 'Cisco-AVPair', value: 'shell:priv-lvl=15' },
        ],
        dict,
        { secret: SECRET, authenticator },
      ),
      SECRET,
      { authenticator },
    );
  };
  const status = signRequest(CODES['Status-Server'], 9, [], SECRET, { messageAuthenticator: true });
  const acct = signRequest(
    CODES['Accounting-Request'],
    8,
    buildAttributes(
      [
        { name: 'Acct-Status-Type', value: 'Start' },
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: 'hostile-1' },
        { name: 'Framed-IP-Address', value: '10.1.2.3' },
      ],
      dict,
    ),
    SECRET,
    { messageAuthenticator: false },
  );
  const coa = signRequest(
    CODES['CoA-Request'],
    10,
    buildAttributes(
      [
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: 'hostile-1' },
      ],
      dict,
    ),
    SECRET,
    { messageAuthenticator: true },
  );
  const disc = signRequest(
    CODES['Disconnect-Request'],
    11,
    buildAttributes([{ name: 'User-Name', value: 'bob' }], dict),
    SECRET,
  );
  return {
    auth: [access('alice', 'alice-pass'), access('bob', 'bob-pass'), status],
    acct: [acct, status],
    coa: [coa, disc],
  };
}

/** One hostile datagram derived from a valid one (or from nothing). Never a valid one itself. */
function hostile(rand: () => number, bases: Buffer[]): Buffer {
  for (;;) {
    const d = mutate(rand, bases);
    // A mutation can undo itself (a byte set to its own value, the same byte flipped twice).
    if (!bases.some((b) => b.equals(d))) return d;
  }
}

function mutate(rand: () => number, bases: Buffer[]): Buffer {
  const int = (n: number) => Math.floor(rand() * n);
  const base = Buffer.from(bases[int(bases.length)]!);
  switch (int(9)) {
    case 0: // random bytes, any length up to 4200
      return Buffer.from(Array.from({ length: int(4200) }, () => int(256)));
    case 1: // undersize: shorter than the 20-byte header
      return base.subarray(0, int(20));
    case 2: {
      // oversize: Length and datagram past 4096 (RFC 2865 §3 maximum)
      const n = 4097 + int(4000);
      const b = Buffer.concat([base, Buffer.alloc(n - base.length, int(256))]);
      b.writeUInt16BE(n, 2);
      return b;
    }
    case 3: // truncated below its own Length
      return base.subarray(0, 20 + int(base.length - 20));
    case 4: {
      // Length field lies (never its true value)
      const lie = (base.length + 1 + int(0xffff)) & 0xffff;
      base.writeUInt16BE(lie === base.length ? lie + 1 : lie, 2);
      return base;
    }
    case 5: {
      // an attribute length of 0, 1 or running past the end
      const off = 20 + int(Math.max(1, base.length - 21));
      base[off + 1 < base.length ? off + 1 : off] = [0, 1, 255][int(3)]!;
      return base;
    }
    case 6: {
      // appended garbage counted in Length
      const extra = Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)));
      const b = Buffer.concat([base, extra]);
      b.writeUInt16BE(b.length, 2);
      return b;
    }
    default: {
      // 1-6 flipped bytes anywhere inside Length (code, id, authenticator, attributes)
      for (let i = 0, n = 1 + int(6); i < n; i++) {
        const at = int(base.length);
        base[at] = base[at]! ^ (1 + int(255));
      }
      return base;
    }
  }
}

describe('hostile datagrams at the running RADIUS server (seeded)', () => {
  let ctx: TestContext;
  let radius: RadiusServer;
  let coa: CoaResponder;
  const ports = { auth: 0, acct: 0, coa: 0 };
  const errors: string[] = [];

  beforeAll(async () => {
    ctx = testContext(
      fixtureLab((y) => y.replace('requireMessageAuthenticator: false', 'requireMessageAuthenticator: true')),
    );
    ctx.log.error = (m, f) => void errors.push(`${m} ${JSON.stringify(f)}`);
    radius = new RadiusServer(ctx);
    coa = new CoaResponder(ctx);
    const l = await radius.start();
    ports.auth = portOf(l, 'radius-auth');
    ports.acct = portOf(l, 'radius-acct');
    ports.coa = portOf(await coa.start(), 'coa');
  });
  afterAll(async () => {
    await radius.stop();
    await coa.stop();
  });

  it('every hostile datagram is dropped and traced as a drop; nothing is answered', async () => {
    const rand = prng(SEED);
    const bases = validRequests();
    const sock: Socket = createSocket('udp4');
    const replies: Buffer[] = [];
    sock.on('message', (m) => replies.push(m));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    let sent = 0;
    for (const kind of ['auth', 'acct', 'coa'] as const) {
      for (let i = 0; i < PER_PORT; i++) {
        const d = hostile(rand, bases[kind]);
        await new Promise<void>((r) => sock.send(d, ports[kind], '127.0.0.1', () => r()));
        sent++;
        // Pace a little so the test measures robustness, not the socket buffer.
        if (i % 50 === 49) await new Promise((r) => setTimeout(r, 5));
      }
    }
    const deadline = Date.now() + 10_000;
    while (ctx.traces.length < sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 200));
    sock.close();

    expect(errors).toEqual([]);
    const notDrop = ctx.traces.filter((t) => t.direction !== 'in' || t.result !== 'drop');
    expect(
      notDrop.map((t) => `${t.summary} ${t.diagnosis ?? ''} ${Buffer.from(t.bytes).toString('hex')}`),
    ).toEqual([]);
    expect(replies.length).toBe(0);
    expect(ctx.traces.length).toBe(sent);
    // Every drop says why.
    expect(ctx.traces.every((t) => t.summary.length > 0 && (t.diagnosis ?? t.summary).length > 0)).toBe(true);
    expect(ctx.records).toEqual([]);
    const dropped = await ctx.metrics.radiusDropped.get();
    expect(dropped.values.reduce((n, v) => n + v.value, 0)).toBe(sent);
    // The mutations reach past the decoder into the authenticator and Message-Authenticator checks.
    const reasons = new Set(dropped.values.filter((v) => v.value > 0).map((v) => v.labels.reason));
    for (const r of [
      'malformed',
      'bad-authenticator',
      'bad-message-authenticator',
      'missing-message-authenticator',
    ])
      expect(reasons).toContain(r);
  }, 60_000);

  it('keeps answering valid auth, accounting and CoA requests afterwards', async () => {
    const a = new RadiusClient({
      host: '127.0.0.1',
      port: ports.auth,
      secret: 'testing123',
      timeoutMs: 2000,
    });
    const b = new RadiusClient({
      host: '127.0.0.1',
      port: ports.acct,
      secret: 'testing123',
      timeoutMs: 2000,
    });
    const c = new RadiusClient({ host: '127.0.0.1', port: ports.coa, secret: 'testing123', timeoutMs: 2000 });
    try {
      expect((await a.authenticate('alice', 'alice-pass')).codeName).toBe('Access-Accept');
      expect((await a.authenticate('alice', 'nope')).codeName).toBe('Access-Reject');
      expect((await a.status()).codeName).toBe('Access-Accept');
      const r = await b.accounting('Start', [
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: 'after-hostile' },
      ]);
      expect(r.codeName).toBe('Accounting-Response');
      expect(ctx.records.map((x) => x.sessionId)).toEqual(['after-hostile']);
      expect((await c.coa([{ name: 'User-Name', value: 'alice' }])).codeName).toBe('CoA-ACK');
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
    expect(errors).toEqual([]);
  });
});

describe('unverifiable Message-Authenticator: silently discarded (RFC 3579 §3.2, RFC 5176 §3.1)', () => {
  // The fixture lab as shipped: requireMessageAuthenticator false, so a malformed one must not pass
  // for "absent".
  let ctx: TestContext;
  let radius: RadiusServer;
  let coa: CoaResponder;
  let radsec: RadsecServer;
  const ports = { auth: 0, acct: 0, coa: 0, radsec: 0 };
  beforeAll(async () => {
    ctx = testContext();
    radius = new RadiusServer(ctx);
    coa = new CoaResponder(ctx);
    radsec = new RadsecServer(ctx, coa);
    const l = await radius.start();
    ports.auth = portOf(l, 'radius-auth');
    ports.acct = portOf(l, 'radius-acct');
    ports.coa = portOf(await coa.start(), 'coa');
    ports.radsec = portOf(await radsec.start(), 'radsec');
  });
  afterAll(async () => {
    await Promise.all([radius.stop(), coa.stop(), radsec.stop()]);
  });

  const ALICE = [
    { name: 'User-Name', value: 'alice' },
    { name: 'User-Password', value: 'alice-pass' },
  ];
  const ACCT = [
    { name: 'Acct-Status-Type', value: 'Start' },
    { name: 'User-Name', value: 'alice' },
    { name: 'Acct-Session-Id', value: 'ma-fault' },
  ];
  const COA = [{ name: 'User-Name', value: 'alice' }];

  it("the issue's reproducer (empty Message-Authenticator) gets no Access-Accept, nor any reply", async () => {
    expect(await udpExchange([REPRODUCER], ports.auth)).toEqual([]);
    const t = ctx.traces.at(-1)!;
    expect(t).toMatchObject({ result: 'drop', user: 'alice' });
    expect(t.diagnosis).toMatch(/length other than 18 octets/);
    expect(await droppedFor(ctx, 'message-authenticator-length')).toBeGreaterThan(0);
  });

  it.each(MA_FAULTS)(
    '%s: Access-Request, Status-Server, Accounting, CoA and Disconnect get no reply',
    async (fault) => {
      const before = ctx.traces.length;
      const sent = [
        [faultyRequest('access', fault, 'testing123', ALICE), ports.auth],
        [faultyRequest('status', fault, 'testing123', []), ports.auth],
        [faultyRequest('acct', fault, 'testing123', ACCT), ports.acct],
        [faultyRequest('coa', fault, 'testing123', COA), ports.coa],
        [faultyRequest('disconnect', fault, 'testing123', COA), ports.coa],
      ] as const;
      for (const [pkt, port] of sent) expect(await udpExchange([pkt], port)).toEqual([]);
      const traced = ctx.traces.slice(before);
      expect(traced.map((t) => t.result)).toEqual(sent.map(() => 'drop'));
      expect(ctx.records.filter((r) => r.sessionId === 'ma-fault')).toEqual([]);
      const reason =
        fault === 'value'
          ? 'bad-message-authenticator'
          : fault === 'multiple'
            ? 'message-authenticator-multiple'
            : 'message-authenticator-length';
      expect(await droppedFor(ctx, reason)).toBeGreaterThanOrEqual(sent.length);
    },
  );

  it.each(MA_FAULTS)(
    '%s over RadSec: no reply to auth, accounting or CoA; a valid request still answered',
    async (fault) => {
      const s = 'radsec';
      const replies = await radsecExchange(ports.radsec, [
        faultyRequest('access', fault, s, ALICE, 1),
        faultyRequest('acct', fault, s, ACCT, 2),
        faultyRequest('coa', fault, s, COA, 3),
        signRequest(12, 4, [], secretBytes(s), { messageAuthenticator: true }),
      ]);
      expect(replies.map((r) => r[1])).toEqual([4]);
    },
  );
});

async function droppedFor(ctx: TestContext, reason: string): Promise<number> {
  const d = await ctx.metrics.radiusDropped.get();
  return d.values.find((v) => v.labels.reason === reason)?.value ?? 0;
}
