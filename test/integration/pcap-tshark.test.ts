import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tacacsConnectionSchema } from '../../src/contract/observability';
import type { ServiceFactory } from '../../src/engine/context';
import { Engine } from '../../src/engine/lab';
import { silentLogger } from '../../src/engine/log';
import { RadiusClient } from '../../src/engine/radius/client/client';
import { CoaResponder } from '../../src/engine/radius/coa/coa-responder';
import { RadiusServer } from '../../src/engine/radius/server/radius-server';
import { TacacsClient } from '../../src/engine/tacacs/client/client';
import { account, authenticate, authorize, commandArgs } from '../../src/engine/tacacs/client/client-ops';
import { tacacsServiceFactory } from '../../src/engine/tacacs/server/service';
import { pcapChunks } from '../../src/engine/trace/pcap';
import { TraceStore } from '../../src/engine/trace/trace-store';
import type { TraceInput } from '../../src/engine/trace/types';
import { copyFixtureLab } from '../support/fixtures';
import { requirePeer } from '../peers/require-peer';
import { sampleTrace } from '../support/trace-samples';

const tshark = requirePeer('tshark', 'tshark');

/**
 * The decode-as and key options a user passes for the lab's ports (documented in pcap.ts):
 * TACACS+ on 14949 (and 14300, the TLS listener exported as TCP), RADIUS on 21812/21813, CoA on
 * 23799. Checksum validation is switched on so a wrong checksum shows as an expert error.
 */
const OPTS = [
  ...['-o', 'tacplus.key:testing123', '-o', 'radius.shared_secret:testing123'],
  ...['-d', 'tcp.port==14949,tacplus', '-d', 'tcp.port==14300,tacplus'],
  ...['-d', 'udp.port==21812,radius', '-d', 'udp.port==21813,radius', '-d', 'udp.port==23799,radius'],
  ...['-o', 'ip.check_checksum:TRUE', '-o', 'tcp.check_checksum:TRUE', '-o', 'udp.check_checksum:TRUE'],
];

interface Decoded {
  protocols: string;
  tacUser: string;
  radiusCode: string;
  expert: string;
}

function decode(file: string): Decoded[] {
  const out = execFileSync(
    tshark!,
    [
      '-r',
      file,
      ...OPTS,
      '-T',
      'fields',
      '-E',
      'separator=|',
      '-E',
      'occurrence=a',
      '-e',
      'frame.protocols',
      '-e',
      'tacplus.user',
      '-e',
      'radius.code',
      '-e',
      '_ws.expert.severity',
      '-e',
      '_ws.malformed',
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return out
    .trimEnd()
    .split('\n')
    .map((l) => {
      const [protocols = '', tacUser = '', radiusCode = '', severity = '', malformed = ''] = l.split('|');
      return { protocols, tacUser, radiusCode, expert: `${severity}${malformed}` };
    });
}

function writePcap(records: Parameters<typeof pcapChunks>[0]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'aaa-lab-pcap-')), 'trace.pcap');
  writeFileSync(file, Buffer.concat([...pcapChunks(records)]));
  return file;
}

/** Every frame decodes: no malformed, no expert warning or error (bad checksum, lost segment …). */
function expectClean(frames: Decoded[], records: number, tcpConnections: number) {
  expect(frames).toHaveLength(records + 3 * tcpConnections);
  for (const [i, f] of frames.entries()) {
    expect(f.protocols, `frame ${i + 1}`).not.toMatch(/malformed|_ws\.short/);
    // Severity codes: 0x200000 chat (SYN notes) is fine; 0x600000 warning and 0x800000 error are not.
    expect(
      f.expert.split(',').filter((s) => s && !['2097152', '0x00200000', '4194304', '0x00400000'].includes(s)),
      `frame ${i + 1}: ${f.protocols}`,
    ).toEqual([]);
  }
  const app = frames.filter((f) => /:(tacplus|radius)$/.test(f.protocols));
  expect(app).toHaveLength(records);
  return app;
}

describe.skipIf(!tshark)('pcap export decoded by tshark', () => {
  it('hand-built TACACS+ (TCP, IPv4/IPv6, TLS inner), RADIUS, accounting and CoA records', () => {
    const store = new TraceStore({ ringSize: 1000, runId: 'test' });
    const inputs = sampleTrace('testing123', 3);
    for (const t of inputs) store.append(t);
    store.close();
    const records = [...store.records()];
    expect(records).toHaveLength(inputs.length);
    const frames = decode(writePcap(records));
    const connections = new Set(
      inputs
        .filter((r) => r.transport !== 'udp')
        .map((r) => `${r.local.address}|${r.local.port}|${r.remote.address}|${r.remote.port}`),
    );
    const app = expectClean(frames, records.length, connections.size);
    // Decryption with the key worked: the START, author and acct requests name the user.
    expect(app.filter((f) => f.tacUser === 'alice')).toHaveLength(
      inputs.filter((r) => r.protocol === 'tacacs' && r.direction === 'in').length,
    );
    expect(app.filter((f) => f.radiusCode).map((f) => Number(f.radiusCode))).toEqual(
      inputs.filter((r) => r.protocol !== 'tacacs').map((r) => r.bytes[0]),
    );
  });

  it('the check fails on a wrong checksum (so a clean decode means something)', () => {
    const store = new TraceStore({ ringSize: 100, runId: 'test' });
    for (const t of sampleTrace('testing123', 1).filter((r) => r.transport === 'udp')) store.append(t);
    store.close();
    const records = [...store.records()];
    const file = writePcap(records);
    const bytes = readFileSync(file);
    // First frame: 24-byte file header, 16-byte record header, 14 Ethernet, 20 IPv4, UDP checksum at +6.
    bytes[24 + 16 + 14 + 20 + 6]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(() => expectClean(decode(file), records.length, 0)).toThrow();
  });

  describe('a real mixed run of the lab servers and clients', () => {
    let engine: Engine;
    beforeAll(async () => {
      const { config } = copyFixtureLab();
      const radius: ServiceFactory = {
        name: 'radius',
        section: (l) => l.config.radius,
        create: (ctx) => new RadiusServer(ctx),
      };
      const coa: ServiceFactory = {
        name: 'coa',
        section: (l) => l.config.coa,
        create: (ctx) => new CoaResponder(ctx),
      };
      engine = await Engine.create({
        configPath: config,
        defaultConfigPath: config,
        dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-pcap-run-')),
        log: silentLogger,
        factories: [tacacsServiceFactory, radius, coa],
      });
      await engine.start();
    });
    afterAll(async () => {
      await engine?.close();
    });

    it('exports every packet of the run; tshark decodes each with no malformed packet', async () => {
      const tac = new TacacsClient({
        host: '127.0.0.1',
        port: 14949,
        secret: 'testing123',
        singleConnect: true,
        trace: engine.trace,
      });
      expect((await authenticate(tac, { type: 'pap', user: 'alice', password: 'alice-pass' })).status).toBe(
        'PASS',
      );
      expect(
        (await authenticate(tac, { type: 'ascii', user: 'bob', password: ['wrong', 'bob-pass'] })).pass,
      ).toBe(true);
      expect((await authorize(tac, { user: 'bob', args: commandArgs('configure terminal') })).pass).toBe(
        false,
      );
      expect(
        (await account(tac, { user: 'alice', flags: 'start', args: ['task_id=7', 'service=shell'] })).status,
      ).toBe('SUCCESS');
      // sessions.list shows the open single-connect connection as the TACACS+ server reports it.
      const live = (await engine.handlers['sessions.list']({ state: 'open', recentMs: 0, limit: 10 }))
        .connections;
      expect(live.map((c) => tacacsConnectionSchema.parse(c))).toEqual([
        expect.objectContaining({ device: 'lab-loopback', singleConnect: true, transport: 'tcp' }),
      ]);
      tac.close();
      const plain = new TacacsClient({
        host: '127.0.0.1',
        port: 14949,
        secret: 'testing123',
        trace: engine.trace,
      });
      expect((await authenticate(plain, { type: 'chap', user: 'alice', password: 'alice-pass' })).pass).toBe(
        true,
      );
      plain.close();

      const rad = new RadiusClient({
        host: '127.0.0.1',
        port: 21812,
        secret: 'testing123',
        trace: engine.trace,
      });
      expect((await rad.authenticate('alice', 'alice-pass', 'pap')).code).toBe(2);
      expect((await rad.authenticate('bob', 'wrong', 'mschapv2')).code).toBe(3);
      await rad.close();
      const acct = new RadiusClient({
        host: '127.0.0.1',
        port: 21813,
        secret: 'testing123',
        trace: engine.trace,
      });
      await acct.accounting('Start', [
        { name: 'Acct-Session-Id', value: 's-1' },
        { name: 'User-Name', value: 'alice' },
      ]);
      await acct.close();
      const coa = new RadiusClient({
        host: '127.0.0.1',
        port: 23799,
        secret: 'testing123',
        trace: engine.trace,
      });
      expect((await coa.coa([{ name: 'User-Name', value: 'alice' }])).code).toBe(44);
      expect((await coa.disconnect([{ name: 'Framed-IP-Netmask', value: '255.255.255.0' }])).code).toBe(42);
      await coa.close();

      engine.trace.flush();
      const records = [...engine.trace.records()];
      const protocols = new Set(records.map((r) => r.protocol));
      expect([...protocols].sort()).toEqual(['coa', 'radius', 'radius-acct', 'tacacs']);
      // Both sides of each exchange are in the trace (client role and server role), as on the wire twice.
      expect(records.filter((r) => r.role === 'client').length).toBeGreaterThan(10);
      const tcp = new Set(
        records
          .filter((r) => r.transport !== 'udp')
          .map((r) =>
            [`${r.local.address}|${r.local.port}`, `${r.remote.address}|${r.remote.port}`].sort().join('>'),
          ),
      );
      const frames = decode(writePcap(records));
      // Client and server records of one TCP connection are two views of it: one handshake, one seq space.
      const app = expectClean(frames, records.length, tcp.size);
      expect(app.filter((f) => f.tacUser === 'alice').length).toBeGreaterThan(0);
    });
  });
});

export type { TraceInput };
