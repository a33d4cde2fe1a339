// In-process CPU per TACACS+ PAP authentication through PacketHandler.handle (decode, policy, reply,
// trace), with the engine's real sinks: TraceStore (100k ring + SQLite index) and AccountingRepo.
// No sockets, so it isolates the server's own work from the kernel and the load generator, and is
// far less noisy on a shared 2-core machine than tacacs-load.ts. Also reports the ring's heap per
// record (what the garbage collector copies and marks). Figures only, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountingRepo } from '../src/engine/store/accounting-repo';
import { openDatabase } from '../src/engine/store/database';
import { PacketHandler } from '../src/engine/tacacs/server/packet-handler';
import { WorkerTraceIndex } from '../src/engine/trace/trace-index';
import { TraceStore } from '../src/engine/trace/trace-store';
import { fixtureLab, testContext } from '../test/support/tacacs-lab';
import { heapAfterGc, mainThreadCpuUs, report } from './lib/stats';
import { papStart } from './lib/tacacs-bench';

const N = 300_000;
const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-handler-'));
const db = openDatabase(dir);
const lab = fixtureLab();
const base = testContext(lab);
const ring = lab.config.trace.ringSize;
const trace = new TraceStore({
  ringSize: ring,
  index: new WorkerTraceIndex(join(dir, 'trace-index.sqlite')),
  runId: 'bench',
  flushIntervalMs: 1e9,
  onBatch: (batch) => {
    for (const { protocol, direction, n } of batch.counts())
      base.metrics.traceRecords.inc({ protocol, direction }, n);
  },
});
const ctx = { ...base, trace, accounting: new AccountingRepo(db) };
const pool = Array.from({ length: 4096 }, (_, i) => papStart(0x10000 + i, 0x04));
const handler = new PacketHandler({
  ctx,
  device: ctx.policy().device('127.0.0.1')!,
  transport: 'tcp',
  local: { address: '127.0.0.1', port: 49 },
  remote: { address: '127.0.0.1', port: 50000 },
  config: lab.config.tacacs!,
});

async function run(n: number): Promise<{ all: number; main: number }> {
  const c0 = process.cpuUsage();
  const m0 = mainThreadCpuUs();
  for (let i = 0; i < n; i++) {
    // A fresh buffer per packet, as a socket read delivers it.
    const r = handler.handle(Buffer.from(pool[i % pool.length]!));
    if (r instanceof Promise) await r;
    // The store flushes on a timer or setImmediate; this loop never yields, so flush as they would.
    if (i % 256 === 255) trace.flush();
  }
  const c = process.cpuUsage(c0);
  return { all: (c.user + c.system) / n, main: (mainThreadCpuUs() - m0) / n };
}

await run(50_000); // warm-up (JIT) and fills part of the ring
const us = await run(N);
const full = heapAfterGc();
trace.clear();
report('tacacs PAP handle() in-process', {
  'CPU µs/auth': us.all,
  'main thread µs/auth': us.main,
  'ring heap B/record': (full - heapAfterGc()) / ring,
});
await trace.close();
db.close();
rmSync(dir, { recursive: true, force: true });
