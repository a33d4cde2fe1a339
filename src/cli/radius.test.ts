import { Command } from 'commander';
import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoaResponder } from '../engine/radius/coa/coa-responder';
import { parseAttributeText } from '../engine/radius/client/attr-syntax';
import { RadiusClient } from '../engine/radius/client/client';
import { RadiusServer } from '../engine/radius/server/radius-server';
import { portOf, testContext } from '../../test/peers/radius-lab';
import { registerRadius } from './radius';

const ctx = testContext();
const server = new RadiusServer(ctx);
const coa = new CoaResponder(ctx);
let auth = 0;
let acct = 0;
let coaPort = 0;
beforeAll(async () => {
  const l = await server.start();
  auth = portOf(l, 'radius-auth');
  acct = portOf(l, 'radius-acct');
  coaPort = portOf(await coa.start(), 'coa');
});
afterAll(async () => {
  await server.stop();
  await coa.stop();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command('aaa-lab').exitOverride();
  registerRadius(program, { out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(['node', 'aaa-lab', 'radius', ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('aaa-lab radius', () => {
  it('auth: PAP accept (0), reject (1), unreachable (2); --expect checks the reply', async () => {
    const ok = await cli(
      'auth',
      '-p',
      String(auth),
      '-s',
      'testing123',
      '-u',
      'alice',
      '-P',
      'alice-pass',
      '--expect',
      'Service-Type=Administrative-User',
    );
    expect(ok).toMatchObject({ code: 0, out: expect.stringContaining('Access-Accept') });
    expect(ok.out).toContain('Cisco-AVPair = "shell:priv-lvl=15"');
    expect(
      (await cli('auth', '-p', String(auth), '-s', 'testing123', '-u', 'alice', '-P', 'nope')).code,
    ).toBe(1);
    expect(
      (
        await cli(
          'auth',
          '-p',
          String(auth),
          '-s',
          'testing123',
          '-u',
          'alice',
          '-P',
          'alice-pass',
          '--expect',
          'Service-Type=Login-User',
        )
      ).code,
    ).toBe(1);
    expect(
      (
        await cli(
          'auth',
          '-p',
          String(auth),
          '-s',
          'wrong-secret',
          '-u',
          'alice',
          '-P',
          'alice-pass',
          '-t',
          '0.3',
          '-r',
          '1',
        )
      ).code,
    ).toBe(2);
  });

  it('auth: CHAP and MS-CHAPv2 (server authenticator response verified) with --json', async () => {
    const chap = await cli(
      'auth',
      '-p',
      String(auth),
      '-s',
      'testing123',
      '-u',
      'bob',
      '-P',
      'bob-pass',
      '--type',
      'chap',
      '--json',
    );
    expect(JSON.parse(chap.out)).toMatchObject({ code: 'Access-Accept' });
    const ms = await cli(
      'auth',
      '-p',
      String(auth),
      '-s',
      'testing123',
      '-u',
      'alice',
      '-P',
      'alice-pass',
      '--type',
      'mschapv2',
      '--json',
    );
    expect(JSON.parse(ms.out)).toMatchObject({ code: 'Access-Accept', mschapv2: 'valid' });
    expect(ms.code).toBe(0);
    expect(
      (
        await cli(
          'auth',
          '-p',
          String(auth),
          '-s',
          'testing123',
          '-u',
          'alice',
          '-P',
          'x',
          '--type',
          'mschapv2',
        )
      ).code,
    ).toBe(1);
  });

  it('acct, status, coa with a vendor preset, disconnect with a NAK rule', async () => {
    expect(
      (
        await cli(
          'acct',
          '-p',
          String(acct),
          '-s',
          'testing123',
          '-u',
          'alice',
          '--status',
          'start',
          '--session',
          'cli-1',
        )
      ).code,
    ).toBe(0);
    expect(ctx.records.at(-1)).toMatchObject({ sessionId: 'cli-1', status: 'start' });
    // -a Acct-Status-Type overrides --status: one attribute, the given one.
    const stop = await cli(
      'acct',
      '-p',
      String(acct),
      '-s',
      'testing123',
      '-u',
      'alice',
      '--session',
      'cli-1',
      '-a',
      'Acct-Status-Type=Stop',
    );
    expect(stop.code).toBe(0);
    expect(ctx.records.at(-1)).toMatchObject({ sessionId: 'cli-1', status: 'stop' });
    expect((await cli('status', '-p', String(auth), '-s', 'testing123')).out).toContain('Access-Accept');
    const c = await cli(
      'coa',
      '-p',
      String(coaPort),
      '-s',
      'testing123',
      '--preset',
      'cisco-asr9k-account-logoff',
      '--session',
      'cli-1',
    );
    expect(c).toMatchObject({ code: 0, out: expect.stringContaining('CoA-ACK') });
    const sent = ctx.traces.filter((t) => t.protocol === 'coa' && t.direction === 'in').at(-1)!;
    expect(JSON.stringify(sent.dissection)).toContain('subscriber:command=account-logoff');
    const nak = await cli(
      'disconnect',
      '-p',
      String(coaPort),
      '-s',
      'testing123',
      '-a',
      'Framed-IP-Netmask=255.255.255.0',
      '--json',
    );
    expect(nak.code).toBe(1);
    expect(JSON.parse(nak.out).attributes['Error-Cause']).toBe('Invalid-Attribute-Value');
  });
});

describe('client', () => {
  it('retransmits the identical packet until a reply comes', async () => {
    const sock = createSocket('udp4');
    const seen: Buffer[] = [];
    sock.on('message', (m, r) => {
      seen.push(m);
      if (seen.length === 2)
        void server.core.handle({
          bytes: m,
          local: { address: '127.0.0.1', port: 0 },
          remote: { address: r.address, port: r.port },
          transport: 'udp',
          listener: 'auth',
          send: (b) => sock.send(b, r.port, r.address),
        });
    });
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    const c = new RadiusClient({
      host: '127.0.0.1',
      port: sock.address().port,
      secret: 'testing123',
      timeoutMs: 200,
      retries: 2,
    });
    const res = await c.authenticate('alice', 'alice-pass');
    expect(res.exchange.attempts).toBe(2);
    expect(seen[0]!.equals(seen[1]!)).toBe(true);
    await c.close();
    sock.close();
  });

  it('parses radclient attribute syntax', () => {
    expect(
      parseAttributeText(
        'User-Name = "bob", Cisco-AVPair="subscriber:command=account-logoff"\nTunnel-Type:1 := VLAN # c',
      ),
    ).toEqual([
      { name: 'User-Name', value: 'bob' },
      { name: 'Cisco-AVPair', value: 'subscriber:command=account-logoff' },
      { name: 'Tunnel-Type', value: 'VLAN', tag: 1 },
    ]);
  });
});
