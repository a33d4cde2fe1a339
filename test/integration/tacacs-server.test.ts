import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { account, authenticate, authorize, commandArgs } from '../../src/engine/tacacs/client/client-ops';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { sharedFixtures } from '../support/fixtures';
import { fixtureLab, testContext } from '../support/tacacs-lab';

const ctx = testContext();
const server = new TacacsServer(ctx);
let port = 0;
let tlsPort = 0;
const tlsFile = (n: string) => readFileSync(join(sharedFixtures, 'tls', n));

beforeAll(async () => {
  const listeners = await server.start();
  port = listeners.find((l) => l.service === 'tacacs')!.port;
  tlsPort = listeners.find((l) => l.service === 'tacacs-tls')!.port;
});
afterAll(() => server.stop());

const client = (o: Partial<ConstructorParameters<typeof TacacsClient>[0]> = {}) =>
  new TacacsClient({ host: '127.0.0.1', port, secret: 'testing123', timeoutMs: 3000, ...o });

describe('TACACS+ server over TCP with our client', () => {
  it.each(['ascii', 'pap', 'chap', 'mschap', 'mschapv2'] as const)(
    '%s: alice passes, wrong password fails',
    async (type) => {
      const ok = await authenticate(client(), { type, user: 'alice', password: 'alice-pass' });
      expect(ok.status).toBe('PASS');
      if (type === 'mschapv2') expect(ok.serverAuthenticated).toBe(true);
      const bad = await authenticate(client(), {
        type,
        user: 'alice',
        password: type === 'ascii' ? ['a', 'b', 'c'] : 'nope',
      });
      expect(bad.status).toBe('FAIL');
    },
  );

  it('ASCII wrong-then-right over the wire', async () => {
    const r = await authenticate(client(), {
      type: 'ascii',
      user: 'bob',
      password: ['wrong', 'bob-pass'],
      userInStart: false,
    });
    expect(r.status).toBe('PASS');
    expect(r.exchange.map((e) => e.summary)).toEqual([
      'Authen START TAC_PLUS_AUTHEN_TYPE_ASCII'.replace('TAC_PLUS_AUTHEN_TYPE_', ''),
      'Authen REPLY GETUSER "Username:"',
      'Authen CONTINUE',
      'Authen REPLY GETPASS "Password:"',
      'Authen CONTINUE',
      'Authen REPLY GETPASS "Authentication failed, try again. Password:"',
      'Authen CONTINUE',
      'Authen REPLY PASS',
    ]);
  });

  it('enable, authorization and accounting; single-connect with concurrent sessions', async () => {
    const c = client({ singleConnect: true });
    const results = await Promise.all([
      authenticate(c, { type: 'ascii', user: 'alice', password: 'alice-enable', service: 'enable' }),
      authorize(c, { user: 'bob', args: commandArgs('show running-config') }),
      authorize(c, { user: 'bob', args: commandArgs('configure terminal') }),
      authorize(c, { user: 'alice', args: ['service=shell', 'cmd*'] }),
      account(c, { user: 'alice', flags: 'start', args: ['task_id=7', 'service=shell'] }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['PASS', 'PASS_ADD', 'FAIL', 'PASS_ADD', 'SUCCESS']);
    expect(results[3]!.avPairs).toEqual(['priv-lvl=15']);
    expect(server.connections()).toHaveLength(1);
    expect(server.connections()[0]).toMatchObject({
      device: 'lab-loopback',
      singleConnect: true,
      transport: 'tcp',
    });
    c.close();
  });

  it('a client bound to 127.0.0.3 must use other-secret; the wrong key is never accepted', async () => {
    const alt = await authenticate(client({ localAddress: '127.0.0.3', secret: 'other-secret' }), {
      type: 'pap',
      user: 'alice',
      password: 'alice-pass',
    });
    expect(alt.status).toBe('PASS');
    await expect(
      authenticate(client({ localAddress: '127.0.0.3' }), {
        type: 'pap',
        user: 'alice',
        password: 'alice-pass',
      }),
    ).rejects.toThrow();
    const diag = ctx.trace.records.filter((r) => r.remote.address === '127.0.0.3' && r.diagnosis).at(-1);
    expect(diag!.diagnosis).toMatch(/decodes with the secret of device lab-loopback/);
  });

  it('unknown clients are closed and traced', async () => {
    await expect(
      authenticate(client({ localAddress: '127.0.0.9' }), {
        type: 'pap',
        user: 'alice',
        password: 'alice-pass',
      }),
    ).rejects.toThrow();
    expect(ctx.trace.records.some((r) => r.diagnosis?.startsWith('unknown client 127.0.0.9'))).toBe(true);
  });

  it('garbage and a 0x7fffffff length are rejected; the server keeps answering', async () => {
    for (const junk of [
      Buffer.from('GET / HTTP/1.0\r\n\r\n'),
      Buffer.from('c00101000000000a7fffffff', 'hex'),
    ]) {
      await new Promise<void>((resolve) => {
        const s = connect(port, '127.0.0.1', () => s.write(junk));
        s.on('close', () => resolve());
        s.on('error', () => {});
      });
    }
    expect((await authenticate(client(), { type: 'pap', user: 'bob', password: 'bob-pass' })).status).toBe(
      'PASS',
    );
  });
});

describe('TACACS+ idle connections', () => {
  it('closes a connection idle for idleTimeoutMs (swept, not a timer per socket) and traces why', async () => {
    const idle = testContext(fixtureLab((y) => y.replace('tacacs:\n', 'tacacs:\n  idleTimeoutMs: 300\n')));
    const srv = new TacacsServer(idle);
    const p = (await srv.start()).find((l) => l.service === 'tacacs')!.port;
    try {
      // A connection that keeps talking stays open past the limit…
      const busy = new TacacsClient({
        host: '127.0.0.1',
        port: p,
        secret: 'testing123',
        singleConnect: true,
      });
      for (let i = 0; i < 4; i++) {
        expect((await authenticate(busy, { type: 'pap', user: 'bob', password: 'bob-pass' })).status).toBe(
          'PASS',
        );
        await new Promise((r) => setTimeout(r, 150));
      }
      busy.close();
      // …and a silent one is closed within the limit plus one sweep.
      const t0 = Date.now();
      await new Promise<void>((resolve) => {
        const s = connect(p, '127.0.0.1');
        s.on('close', () => resolve());
        s.on('error', () => {});
      });
      expect(Date.now() - t0).toBeGreaterThanOrEqual(250);
      expect(Date.now() - t0).toBeLessThan(1500);
      // Only the silent one: the busy connection was never closed for idleness.
      expect(
        idle.trace.records.filter((r) => r.diagnosis === 'idle for 300 ms: connection closed'),
      ).toHaveLength(1);
    } finally {
      await srv.stop();
    }
  });
});

describe('TACACS+ over TLS 1.3 (RFC 9887)', () => {
  const tls = () => ({
    ca: tlsFile('ca.pem'),
    cert: tlsFile('client.pem'),
    key: tlsFile('client.key'),
    servername: 'localhost',
  });

  it('authenticates with a client certificate, packets unobfuscated', async () => {
    const r = await authenticate(client({ port: tlsPort, tls: tls(), secret: undefined }), {
      type: 'pap',
      user: 'alice',
      password: 'alice-pass',
    });
    expect(r.status).toBe('PASS');
    expect(r.exchange[0]!.bytes[3]! & 0x01).toBe(1);
  });

  it('refuses a client without a certificate', async () => {
    const { ca, servername } = tls();
    await expect(
      authenticate(client({ port: tlsPort, tls: { ca, servername }, secret: undefined }), {
        type: 'pap',
        user: 'alice',
        password: 'alice-pass',
      }),
    ).rejects.toThrow();
  });
});
