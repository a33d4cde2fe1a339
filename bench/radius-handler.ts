// In-process CPU per RADIUS PAP Access-Request (with Message-Authenticator) through RadiusCore.handle
// (decode, verify, duplicate cache, policy, signed reply, trace, metrics) inside a real Engine (trace
// ring + SQLite index, stats, events). No sockets, so it isolates the server's own work from the
// kernel and the load generator, and is far less noisy on a shared 2-core machine than
// radius-load.ts. Figures only, never asserted.
import { rmSync } from 'node:fs';
import { RadiusCore } from '../src/engine/radius/server/core';
import type { Inbound } from '../src/engine/radius/server/request-context';
import { accessRequest, benchEngine } from './lib/radius-bench';
import { heapAfterGc, mainThreadCpuUs, report } from './lib/stats';

const N = 300_000;
const { engine, dir } = await benchEngine('aaa-lab-bench-radius-handler-');
const core = new RadiusCore(engine.ctx);
// Distinct (port, id, authenticator) per packet so the duplicate cache never answers.
const pool = Array.from({ length: 65_536 }, (_, i) => accessRequest(i & 0xff, i));
const local = { address: '127.0.0.1', port: 1812 };
const ADDRESS = Buffer.from('127.0.0.1');
let replies = 0;
const send = (): void => void replies++;

async function run(n: number): Promise<{ all: number; main: number }> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuUs();
  for (let i = 0; i < n; i++) {
    const inb: Inbound = {
      bytes: Buffer.from(pool[i % pool.length]!), // a fresh buffer per datagram, as a socket delivers
      local,
      // A fresh address string per datagram too, as a socket's rinfo has: what the server keeps of
      // it shows in the retained bytes below.
      remote: { address: ADDRESS.toString('latin1'), port: 40000 + ((i >>> 16) & 0xff) },
      transport: 'udp',
      listener: 'auth',
      send,
    };
    await core.handle(inb);
    // Let the store's setImmediate flushes and timers run, as the event loop would between reads.
    if (i % 64 === 63) await new Promise((r) => setImmediate(r));
  }
  const c = process.cpuUsage(c0);
  return { all: (c.user + c.system) / n, main: (mainThreadCpuUs() - m0) / n };
}

await run(50_000); // warm-up (JIT) and fills part of the ring
const us = await run(N);
// What the trace ring and the duplicate cache retain per request (what the GC copies and marks).
const full = heapAfterGc();
engine.trace.clear();
const afterTrace = heapAfterGc();
core.dup.clear();
const afterDup = heapAfterGc();
report('radius PAP handle() in-process', {
  'CPU µs/req': us.all,
  'main thread µs/req': us.main,
  'trace B/req': (full - afterTrace) / (engine.lab.config.trace.ringSize / 2),
  'dup cache B/entry': (afterTrace - afterDup) / 65_536,
  replies,
});
await engine.close();
rmSync(dir, { recursive: true, force: true });
