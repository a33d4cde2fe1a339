// In-process CPU per EAP-MD5 authentication through RadiusCore.handle (RFC 3579 over RADIUS, no
// sockets) inside a real Engine (trace ring + SQLite index, stats): the EAP round's own work outside
// TLS and inner crypto (reassembly, State table, conversation, Access-Challenge/Accept encoding and
// signing, trace records), compared with bench/radius-handler.ts's PAP figure. METHODS=peap,md5 makes
// the server propose PEAP first, as lab-eap.yaml does, so each authentication also pays for the NAK
// (and the TLS session PEAP starts). Figures only, never asserted.
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { buildAttributes, type AttrInput } from '../src/engine/radius/codec/build';
import { CODES } from '../src/engine/radius/codec/constants';
import { decodeMessage, getAllRaw, getRaw } from '../src/engine/radius/codec/message';
import { signRequest } from '../src/engine/radius/codec/sign';
import {
  decodeEap,
  encodeEap,
  reassembleEap,
  splitEap,
  type EapPacket,
} from '../src/engine/radius/eap/codec';
import { RadiusCore } from '../src/engine/radius/server/core';
import type { Inbound } from '../src/engine/radius/server/request-context';
import { fixturePath } from '../test/support/fixtures';
import { SECRET, benchEngine, dict } from './lib/radius-bench';
import { mainThreadCpuUs, report } from './lib/stats';

const N = Number(process.env.N ?? 20_000);
const METHODS = (process.env.METHODS ?? 'md5').split(',');
const { engine, dir } = await benchEngine(
  'aaa-lab-bench-eap-md5-',
  `  eap:
    methods: [${METHODS.join(', ')}]
    cert: ${fixturePath('tls/server.pem')}
    key: ${fixturePath('tls/server.key')}`,
);
const core = new RadiusCore(engine.ctx);
const local = { address: '127.0.0.1', port: 1812 };
const ADDRESS = Buffer.from('127.0.0.1');
const PASSWORD = Buffer.from('alice-pass');
let reply: Buffer | undefined;
let counter = 0;

/** One Access-Request carrying `eap` (and `state`), handled as a datagram; the reply's EAP and State. */
async function round(
  eap: EapPacket,
  state: Buffer | undefined,
): Promise<{ eap: EapPacket; state?: Buffer; code: number }> {
  const n = counter++;
  const authenticator = Buffer.alloc(16);
  authenticator.writeUInt32BE(n, 0);
  authenticator.writeUInt32BE(0x5a5a5a5a, 12);
  const attrs: AttrInput[] = [
    { name: 'User-Name', value: 'alice' },
    { name: 'NAS-IP-Address', value: '127.0.0.1' },
    { name: 'NAS-Port', value: n & 0xffff },
    ...splitEap(encodeEap(eap)).map((value) => ({ name: 'EAP-Message', value })),
  ];
  if (state) attrs.push({ name: 'State', value: state });
  const bytes = signRequest(
    CODES['Access-Request'],
    n & 0xff,
    buildAttributes(attrs, dict, { secret: SECRET, authenticator }),
    SECRET,
    {
      authenticator,
      messageAuthenticator: true,
    },
  );
  const inb: Inbound = {
    bytes,
    local,
    remote: { address: ADDRESS.toString('latin1'), port: 40000 + ((n >>> 8) & 0xff) },
    transport: 'udp',
    listener: 'auth',
    send: (r) => void (reply = r),
  };
  reply = undefined;
  await core.handle(inb);
  if (!reply) throw new Error('no reply');
  const m = decodeMessage(reply, dict);
  return {
    eap: decodeEap(reassembleEap(getAllRaw(m, 'EAP-Message'), 65535)),
    state: getRaw(m, 'State'),
    code: m.code,
  };
}

/** The client's share (building requests, decoding replies) is measured alone and subtracted. */
async function auth(): Promise<void> {
  let r = await round({ code: 2, identifier: 0, type: 1, typeData: Buffer.from('alice') }, undefined);
  if (r.eap.type !== 4)
    r = await round({ code: 2, identifier: r.eap.identifier, type: 3, typeData: Buffer.of(4) }, r.state);
  const challenge = r.eap.typeData.subarray(1, 1 + r.eap.typeData[0]!);
  const id = r.eap.identifier;
  const digest = createHash('md5').update(Buffer.of(id)).update(PASSWORD).update(challenge).digest();
  r = await round(
    { code: 2, identifier: id, type: 4, typeData: Buffer.concat([Buffer.of(16), digest]) },
    r.state,
  );
  if (r.code !== CODES['Access-Accept']) throw new Error(`not accepted: code ${r.code}`);
}

async function run(n: number): Promise<{ all: number; main: number }> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuUs();
  for (let i = 0; i < n; i++) {
    await auth();
    if (i % 16 === 15) await new Promise((r) => setImmediate(r));
  }
  const c = process.cpuUsage(c0);
  return { all: (c.user + c.system) / n, main: (mainThreadCpuUs() - m0) / n };
}

await run(Math.min(N, 5000));
const us = await run(N);
report(`EAP-MD5 [${METHODS.join(',')}] in-process (incl. client)`, {
  'CPU µs/auth': us.all,
  'main thread µs/auth': us.main,
});
await engine.close();
rmSync(dir, { recursive: true, force: true });
