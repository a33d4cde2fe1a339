import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { CoaResponder } from '../../src/engine/radius/coa/coa-responder';
import { RadsecServer } from '../../src/engine/radius/radsec/radsec-server';
import { freePort } from '../peers/free-port';
import { FIXTURE_DIR, portOf, testContext, type TestContext } from '../peers/radius-lab';
import { requirePeer } from '../peers/require-peer';

const radsecproxy = requirePeer('radsecproxy', 'radsecproxy');
const radclient = requirePeer('radclient', 'freeradius-utils');
// Certificates are used in place from the shared fixture (private keys are never copied).
const TLS = `${FIXTURE_DIR}/tls`;

function run(cmd: string, args: string[], input: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const p = execFile(cmd, args, { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 99) : 0, out: stdout + stderr });
    });
    p.stdin?.end(input);
  });
}

/**
 * radsecproxy 1.9 (Debian) between radclient and our RadSec listener, and in front of it for our RadSec
 * client: UDP 127.0.0.1:udpPort (secret testing123) and TLS 127.0.0.1:tlsPort (fixture server cert, our
 * client cert accepted) → TLS to our listener with the fixture client certificate, secret "radsec".
 */
describe.skipIf(!radsecproxy || !radclient)('radsecproxy ↔ our RadSec', () => {
  let ctx: TestContext;
  let server: RadsecServer;
  let proxy: ChildProcess;
  let dir: string;
  let udpPort = 0;
  let tlsPort = 0;
  let log = '';
  const rc = (input: string, kind: 'auth' | 'acct') =>
    run(radclient!, ['-x', '-r', '2', '-t', '3', `127.0.0.1:${udpPort}`, kind, 'testing123'], input);

  beforeAll(async () => {
    ctx = testContext();
    server = new RadsecServer(ctx, new CoaResponder(ctx));
    const ours = portOf(await server.start(), 'radsec');
    udpPort = await freePort();
    tlsPort = await freePort();
    dir = mkdtempSync(join(tmpdir(), 'aaa-lab-radsecproxy-'));
    writeFileSync(
      join(dir, 'radsecproxy.conf'),
      `ListenUDP 127.0.0.1:${udpPort}
ListenTLS 127.0.0.1:${tlsPort}
LogLevel 4
tls toOurs {
    CACertificateFile ${TLS}/ca.pem
    CertificateFile ${TLS}/client.pem
    CertificateKeyFile ${TLS}/client.key
    TLSVersion TLS1_2:
}
tls fromOurs {
    CACertificateFile ${TLS}/ca.pem
    CertificateFile ${TLS}/server.pem
    CertificateKeyFile ${TLS}/server.key
    TLSVersion TLS1_2:
}
client radclient {
    host 127.0.0.1
    type udp
    secret testing123
}
client ourRadsecClient {
    host 127.0.0.1
    type tls
    tls fromOurs
    CertificateNameCheck off
}
server ours {
    host 127.0.0.1
    port ${ours}
    type tls
    tls toOurs
    secret radsec
}
realm * {
    server ours
    accountingServer ours
}
`,
    );
    proxy = spawn(
      radsecproxy!,
      ['-f', '-d', '4', '-c', join(dir, 'radsecproxy.conf'), '-i', join(dir, 'pid')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    proxy.stdout!.on('data', (c: Buffer) => (log += c.toString()));
    proxy.stderr!.on('data', (c: Buffer) => (log += c.toString()));
    // Ready once it accepts TLS connections (the UDP listener is opened before the TLS one).
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (proxy.exitCode !== null) throw new Error(`radsecproxy exited: ${log}`);
      const ok = await new Promise<boolean>((r) => {
        const s = connect(tlsPort, '127.0.0.1');
        s.once('connect', () => (s.destroy(), r(true)));
        s.once('error', () => r(false));
      });
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`radsecproxy did not listen: ${log}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 20_000);

  afterAll(async () => {
    proxy?.kill('SIGTERM');
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('radclient → radsecproxy → our RadSec: Access-Accept for alice with the group attributes', async () => {
    const r = await rc('User-Name=alice,User-Password=alice-pass', 'auth');
    expect(r.out, log).toContain('Received Access-Accept');
    expect(r.out).toContain('Cisco-AVPair = "shell:priv-lvl=15"');
    const inRow = ctx.traces.find((t) => t.direction === 'in' && t.user === 'alice' && t.result === 'pass');
    expect(inRow?.protocol).toBe('radsec');
    expect(inRow?.transport).toBe('tls');
  });

  it('a wrong password is rejected through the proxy', async () => {
    const r = await rc('User-Name=alice,User-Password=wrong-pass', 'auth');
    expect(r.out, log).toContain('Received Access-Reject');
  });

  it('accounting start/stop through the proxy is stored and acknowledged', async () => {
    for (const status of ['Start', 'Stop']) {
      const r = await rc(
        `User-Name=alice,Acct-Status-Type=${status},Acct-Session-Id=rsp-1,NAS-IP-Address=127.0.0.1`,
        'acct',
      );
      expect(r.out, log).toContain('Received Accounting-Response');
    }
    expect(ctx.records.filter((x) => x.sessionId === 'rsp-1').map((x) => x.status)).toEqual([
      'start',
      'stop',
    ]);
  });

  it('our RadSec client → radsecproxy (TLS server) → our RadSec listener', async () => {
    const c = new RadiusClient({
      host: '127.0.0.1',
      port: tlsPort,
      timeoutMs: 5000,
      radsec: {
        ca: readFileSync(`${TLS}/ca.pem`),
        cert: readFileSync(`${TLS}/client.pem`),
        key: readFileSync(`${TLS}/client.key`),
      },
    });
    try {
      const ok = await c.authenticate('bob', 'bob-pass');
      expect(ok.codeName, log).toBe('Access-Accept');
      expect(ok.attributes['Service-Type']).toBe('NAS-Prompt-User');
      expect((await c.authenticate('bob', 'nope')).codeName).toBe('Access-Reject');
      const acct = await c.accounting('Start', [
        { name: 'User-Name', value: 'bob' },
        { name: 'Acct-Session-Id', value: 'rsp-2' },
      ]);
      expect(acct.codeName).toBe('Accounting-Response');
      expect(ctx.records.some((x) => x.sessionId === 'rsp-2')).toBe(true);
    } finally {
      await c.close();
    }
  });
});
