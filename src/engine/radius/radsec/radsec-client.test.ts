import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerRadius } from '../../../cli/radius';
import { FIXTURE_DIR, portOf, testContext } from '../../../../test/peers/radius-lab';
import { RadiusClient } from '../client/client';
import { CoaResponder } from '../coa/coa-responder';
import { RadsecServer } from './radsec-server';

// Certificates are read from the shared fixture (never copied).
const TLS = `${FIXTURE_DIR}/tls`;
const material = () => ({
  ca: readFileSync(`${TLS}/ca.pem`),
  cert: readFileSync(`${TLS}/client.pem`),
  key: readFileSync(`${TLS}/client.key`),
});

const ctx = testContext();
const server = new RadsecServer(ctx, new CoaResponder(ctx));
let port = 0;
beforeAll(async () => {
  port = portOf(await server.start(), 'radsec');
});
afterAll(() => server.stop());

describe('RadSec client (RFC 6614) → our RadSec listener', () => {
  it('auth (PAP, CHAP, MS-CHAPv2), accounting and CoA over one TLS connection, secret "radsec" by default', async () => {
    const c = new RadiusClient({ host: '127.0.0.1', port, radsec: material(), trace: ctx.trace });
    try {
      const pap = await c.authenticate('alice', 'alice-pass');
      expect(pap.codeName).toBe('Access-Accept');
      expect(pap.attributes['Cisco-AVPair']).toBe('shell:priv-lvl=15');
      expect((await c.authenticate('alice', 'wrong')).codeName).toBe('Access-Reject');
      expect((await c.authenticate('bob', 'bob-pass', 'chap')).codeName).toBe('Access-Accept');
      const ms = await c.authenticate('alice', 'alice-pass', 'mschapv2');
      expect([ms.codeName, ms.mschapv2]).toEqual(['Access-Accept', 'valid']);
      const acct = await c.accounting('Start', [
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: 'radsec-client-1' },
      ]);
      expect(acct.codeName).toBe('Accounting-Response');
      expect(ctx.records.at(-1)).toMatchObject({ sessionId: 'radsec-client-1', status: 'start' });
      expect((await c.coa([{ name: 'User-Name', value: 'alice' }])).codeName).toBe('CoA-ACK');
      expect((await c.status()).codeName).toBe('Access-Accept');
      // Every exchange used the one connection: a single client port in the trace, transport tls.
      const mine = ctx.traces.filter((t) => t.role === 'client');
      expect(new Set(mine.map((t) => t.local.port)).size).toBe(1);
      expect(mine.every((t) => t.transport === 'tls' && t.protocol === 'radsec')).toBe(true);
      expect(mine.some((t) => t.retransmit)).toBe(false);
    } finally {
      await c.close();
    }
  });

  it('a wrong shared secret over RadSec is never accepted', async () => {
    const c = new RadiusClient({
      host: '127.0.0.1',
      port,
      secret: 'not-radsec',
      radsec: material(),
      timeoutMs: 300,
      retries: 0,
    });
    try {
      await expect(c.authenticate('alice', 'alice-pass')).rejects.toThrow(/no valid reply/);
    } finally {
      await c.close();
    }
  });

  it('refuses a server whose certificate is not signed by the given CA, and unusable client material', async () => {
    const wrongCa = new RadiusClient({
      host: '127.0.0.1',
      port,
      radsec: { ...material(), ca: readFileSync(`${TLS}/client.pem`) },
    });
    await expect(wrongCa.status()).rejects.toThrow(/RadSec: TLS connection .* failed/);
    await wrongCa.close();
    // A certificate with someone else's private key is refused before anything is sent.
    const mismatch = new RadiusClient({
      host: '127.0.0.1',
      port,
      radsec: { ...material(), key: readFileSync(`${TLS}/server.key`) },
    });
    await expect(mismatch.status()).rejects.toThrow(/RadSec: cannot use the TLS material/);
    await mismatch.close();
  });

  it('a server that drops the connection fails the pending request at once, not after the timeout', async () => {
    const rude = createServer(
      {
        cert: readFileSync(`${TLS}/server.pem`),
        key: readFileSync(`${TLS}/server.key`),
        ca: readFileSync(`${TLS}/ca.pem`),
        requestCert: true,
      },
      (s) => s.once('data', () => s.destroy()),
    );
    await new Promise<void>((r) => rude.listen(0, '127.0.0.1', () => r()));
    const p = (rude.address() as { port: number }).port;
    const c = new RadiusClient({ host: '127.0.0.1', port: p, radsec: material(), timeoutMs: 10_000 });
    const t0 = performance.now();
    try {
      await expect(c.authenticate('alice', 'alice-pass')).rejects.toThrow(/closed the RadSec connection/);
      expect(performance.now() - t0).toBeLessThan(5000);
    } finally {
      await c.close();
      rude.close();
    }
  });

  it('aaa-lab radius auth --radsec --ca --cert --key', async () => {
    const out: string[] = [];
    const err: string[] = [];
    let code = -1;
    const program = new Command('aaa-lab').exitOverride();
    registerRadius(program, { out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c) });
    await program.parseAsync([
      'node',
      'aaa-lab',
      'radius',
      'auth',
      '--radsec',
      '-p',
      String(port),
      '--ca',
      `${TLS}/ca.pem`,
      '--cert',
      `${TLS}/client.pem`,
      '--key',
      `${TLS}/client.key`,
      '-u',
      'alice',
      '-P',
      'alice-pass',
      '--expect',
      'Service-Type=Administrative-User',
    ]);
    expect(err.join('\n')).toBe('');
    expect(code).toBe(0);
    expect(out.join('\n')).toContain('Access-Accept');

    const usage: string[] = [];
    let code2 = -1;
    const p2 = new Command('aaa-lab').exitOverride();
    registerRadius(p2, { out: () => {}, err: (l) => usage.push(l), exit: (c) => (code2 = c) });
    await p2.parseAsync(['node', 'aaa-lab', 'radius', 'status', '--radsec', '-p', String(port)]);
    expect(code2).toBe(2);
    expect(usage.join('\n')).toMatch(/--radsec needs --ca, --cert and --key/);
  });
});
