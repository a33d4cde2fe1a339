import { describe, expect, it } from 'vitest';
import { cont, KEY, send, setup, start, status } from '../../../../test/support/tacacs-session';
import { AuthenStatus, AuthenType, Flags } from '../codec/constants';
import { decodePacket, encodePacket } from '../codec/packet';

describe('protocol rules', () => {
  it('single-connect: interleaved sessions on one connection, flag echoed, connection kept', async () => {
    const { h } = setup();
    const sc = { flags: Flags.SINGLE_CONNECT };
    const a = await send(h, 100, 1, start(AuthenType.ASCII, 'alice'), sc);
    const b = await send(h, 200, 1, start(AuthenType.ASCII, 'bob'), sc);
    expect(a.header!.flags & Flags.SINGLE_CONNECT).toBeTruthy();
    expect(h.sessions.size).toBe(2);
    const b2 = await send(h, 200, 3, cont('bob-pass'), sc);
    const a2 = await send(h, 100, 3, cont('alice-pass'), sc);
    expect([status(a2.reply), status(b2.reply), b.close, a2.close]).toEqual([
      AuthenStatus.PASS,
      AuthenStatus.PASS,
      false,
      false,
    ]);
    expect(h.singleConnect).toBe(true);
  });

  it('seq_no violations: wrong next seq, new session not at 1, even seq', async () => {
    const { h, ctx } = setup();
    await send(h, 300, 1, start(AuthenType.ASCII, 'alice'));
    const skip = await send(h, 300, 5, cont('alice-pass'));
    expect(status(skip.reply)).toBe(AuthenStatus.ERROR);
    expect(skip.header!.seqNo).toBe(6);
    expect(h.sessions.size).toBe(0);
    expect(status((await send(h, 301, 3, cont('x'))).reply)).toBe(AuthenStatus.ERROR);
    const even = await h.handle(
      encodePacket({ major: 0xc, minor: 0, seqNo: 2, flags: 0, sessionId: 302 }, cont('x'), KEY),
    );
    expect(even).toEqual({ close: true });
    expect(ctx.trace.records.at(-1)!.diagnosis).toMatch(/even/);
  });

  it('wrong secret: never authenticated; diagnosis names the device whose secret works', async () => {
    const { h, ctx } = setup();
    const r = await send(h, 400, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), {
      key: 'other-secret',
      minor: 1,
    });
    expect(r.reply).toBeUndefined(); // the reply is obfuscated with testing123, which this side cannot read
    const rec = ctx.trace.records.find((x) => x.direction === 'in' && x.sessionId === 0x190)!;
    expect(rec.diagnosis).toBe(
      'the packet decodes with the secret of device lab-alt — the device is configured with the wrong key',
    );
    const out = ctx.trace.records.find((x) => x.direction === 'out')!;
    expect(decodePacket(out.bytes, KEY).body).toMatchObject({ status: AuthenStatus.ERROR });
    await send(h, 401, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), {
      key: 'never-heard-of',
      minor: 1,
    });
    expect(ctx.trace.records.filter((x) => x.direction === 'in').at(-1)!.diagnosis).toMatch(
      /no known secret decodes it/,
    );
    expect(ctx.trace.records.some((x) => x.result === 'pass')).toBe(false);
  });

  it('127.0.0.3 (lab-alt) must use other-secret', async () => {
    const { h } = setup({ address: '127.0.0.3' });
    const ok = await send(h, 500, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), {
      key: 'other-secret',
      minor: 1,
    });
    expect(status(ok.reply)).toBe(AuthenStatus.PASS);
    const bad = await send(h, 501, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), {
      key: KEY,
      minor: 1,
    });
    expect(bad.reply).toBeUndefined();
  });

  it('cleartext from a device with a secret is refused with a readable ERROR', async () => {
    const { h, ctx } = setup();
    const r = await send(h, 600, 1, start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')), {
      key: undefined,
      minor: 1,
    });
    expect(status(r.reply)).toBe(AuthenStatus.ERROR);
    expect(ctx.trace.records[0]!.diagnosis).toMatch(/sent cleartext/);
    expect(JSON.stringify(ctx.trace.records)).not.toContain('alice-pass');
  });
});
