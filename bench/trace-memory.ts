// Memory of a full trace ring and the RADIUS server's caches under hostile traffic: 300,000
// attribute-heavy Access-Requests (3× the default 100,000-record ring), each near the 4,096-octet
// maximum, with a 253-octet User-Name of random bytes (a two-byte string once decoded), random
// attributes, an unverifiable Message-Authenticator (wrong length, value or repeated) and a fresh
// source port, through RadiusCore.handle in a real Engine. Reports heap + array buffers after a full
// collection, against the bound the README documents (≤ 256 MB). Figures only, never asserted.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { RadiusCore } from '../src/engine/radius/server/core';
import type { Inbound } from '../src/engine/radius/server/request-context';
import { MA_FAULTS, attrBytes, faultyRaw } from '../test/support/ma-packets';
import { benchEngine } from './lib/radius-bench';
import { heapAfterGc, report } from './lib/stats';

const N = Number(process.env.N ?? 300_000);
const mb = (n: number): string => `${(n / 2 ** 20).toFixed(0)}MB`;
const used = (): number => {
  const h = heapAfterGc();
  return h + process.memoryUsage().arrayBuffers;
};

const before = used();
const { engine, dir } = await benchEngine('aaa-lab-bench-trace-memory-');
const core = new RadiusCore(engine.ctx);
const afterStart = used();

/** A hostile packet: random User-Name and attributes filling ~4 KB, a faulty Message-Authenticator. */
function hostile(i: number): Buffer {
  const attrs = [attrBytes(1, randomBytes(253))];
  let size = 20 + 255 + 40;
  for (let k = 0; size + 255 < 4096; k++) {
    let t = 2 + ((i * 7 + k * 13) % 200);
    if (t === 80 || t === 26) t++; // no second Message-Authenticator, no VSA framing
    const v = randomBytes(16 + ((i + k * 31) % 237));
    attrs.push(attrBytes(t, v));
    size += v.length + 2;
  }
  return faultyRaw(1, i & 0xff, randomBytes(16), attrs, MA_FAULTS[i % MA_FAULTS.length]!, 'testing123', 1);
}

const pool = Array.from({ length: 2048 }, (_, i) => hostile(i));
const local = { address: '127.0.0.1', port: 1812 };
let replies = 0;
const samples: string[] = [];
for (let i = 0; i < N; i++) {
  const bytes = Buffer.from(pool[i % pool.length]!);
  // Unique User-Name bytes per packet, so nothing is shared between records by interning.
  randomBytes(8).copy(bytes, 20 + 2 + (pool[i % pool.length]![21] === 0 ? 2 : 0) + 40);
  const inb: Inbound = {
    bytes,
    local,
    remote: { address: '127.0.0.1', port: 1024 + (i % 60_000) },
    transport: 'udp',
    listener: 'auth',
    send: () => void replies++,
  };
  await core.handle(inb);
  if (i % 64 === 63) await new Promise((r) => setImmediate(r));
  if ((i + 1) % 100_000 === 0) samples.push(`${(i + 1) / 1000}k:${mb(used() - before)}`);
}
const full = used();
report('hostile flood: ring + caches', {
  packets: N,
  'engine held (heap+buffers)': mb(full - before),
  'of which at start': mb(afterStart - before),
  growth: samples.join(' '),
  rss: mb(process.memoryUsage().rss),
  bound: '256MB',
  replies,
});
await engine.close();
rmSync(dir, { recursive: true, force: true });
