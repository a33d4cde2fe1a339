import { createSocket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { fixtureLab, portOf, testContext } from '../../../../test/peers/radius-lab';
import type { AccountingInput } from '../../store/types';
import { buildAttributes } from '../codec/build';
import { CODES } from '../codec/constants';
import { secretBytes, signRequest, verifyResponse } from '../codec/sign';
import { bundledDictionary } from '../dictionary/load';
import { RadiusServer } from './radius-server';

// RFC 2866 §4.1: "Upon receipt of an Accounting-Request, the server MUST transmit an
// Accounting-Response reply if it successfully records the accounting packet, and MUST NOT transmit
// any reply if it fails to record the accounting packet." The store's insert is synchronous and
// committed on return (store/types.ts), so the reply must come strictly after it returns.

const SECRET = secretBytes('testing123');
const dict = bundledDictionary().dictionary;
const acctRequest = (id: number, session: string) =>
  signRequest(
    CODES['Accounting-Request'],
    id,
    buildAttributes(
      [
        { name: 'Acct-Status-Type', value: 'Start' },
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: session },
      ],
      dict,
    ),
    SECRET,
  );

const busy = (ms: number) => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

let server: RadiusServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('Accounting-Response only after the record is committed', () => {
  it('a slow insert: the reply is handed to the socket only after insert returned', async () => {
    const ctx = testContext();
    const events: string[] = [];
    ctx.accounting = {
      insert: (r: AccountingInput) => {
        events.push(`insert ${r.sessionId}`);
        busy(150);
        events.push(`committed ${r.sessionId}`);
        return 1;
      },
    };
    server = new RadiusServer(ctx);
    await server.start();
    const bytes = acctRequest(1, 'slow-1');
    await server.core.handle({
      bytes,
      local: { address: '127.0.0.1', port: 1813 },
      remote: { address: '127.0.0.1', port: 50000 },
      transport: 'udp',
      listener: 'acct',
      send: (reply) =>
        events.push(`sent ${CODES['Accounting-Response'] === reply[0] ? 'Accounting-Response' : reply[0]}`),
    });
    expect(events).toEqual(['insert slow-1', 'committed slow-1', 'sent Accounting-Response']);
  });

  it('an insert that throws: no reply at all, an error trace, and the retransmission is stored and answered', async () => {
    const ctx = testContext(fixtureLab());
    const stored: AccountingInput[] = [];
    let fail = true;
    ctx.accounting = {
      insert: (r) => {
        if (fail) throw new Error('SQLITE_FULL: database or disk is full');
        stored.push(r);
        return stored.length;
      },
    };
    ctx.log.error = () => {};
    server = new RadiusServer(ctx);
    const port = portOf(await server.start(), 'radius-acct');
    const sock = createSocket('udp4');
    const replies: Buffer[] = [];
    sock.on('message', (m) => replies.push(m));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const bytes = acctRequest(2, 'fails-first');
    try {
      sock.send(bytes, port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 300));
      expect(replies).toEqual([]);
      const row = ctx.traces.at(-1)!;
      expect(row).toMatchObject({ direction: 'in', result: 'error' });
      expect(row.diagnosis).toMatch(/not stored .*SQLITE_FULL.*no Accounting-Response/);
      expect(ctx.traces.some((t) => t.direction === 'out')).toBe(false);
      const dropped = await ctx.metrics.radiusDropped.get();
      expect(dropped.values.find((v) => v.labels.reason === 'store-error')?.value).toBe(1);

      // The store recovers; the NAS retransmits the same packet (same Identifier and authenticator)
      // within the duplicate window: it is processed afresh, stored once and answered.
      fail = false;
      sock.send(bytes, port, '127.0.0.1');
      const deadline = Date.now() + 2000;
      while (replies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(replies).toHaveLength(1);
      expect(replies[0]![0]).toBe(CODES['Accounting-Response']);
      expect(verifyResponse(replies[0]!, bytes.subarray(4, 20), SECRET).authenticator).toBe('ok');
      expect(stored.map((r) => r.sessionId)).toEqual(['fails-first']);

      // A further retransmission now gets the cached reply without a second record.
      sock.send(bytes, port, '127.0.0.1');
      await new Promise((r) => setTimeout(r, 200));
      expect(replies).toHaveLength(2);
      expect(replies[1]!.equals(replies[0]!)).toBe(true);
      expect(stored).toHaveLength(1);
    } finally {
      sock.close();
    }
  });
});
