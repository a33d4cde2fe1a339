// Trace ingest: records/s into the ring + the SQLite index (its worker thread drained) (target ≥ 50,000/s), and heap over a
// flood of 10× the ring (memory must stay bounded by the ring size). Figures, never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkerTraceIndex } from '../src/engine/trace/trace-index';
import { TraceStore } from '../src/engine/trace/trace-store';
import { sampleTrace } from '../test/support/trace-samples';
import { median, report } from './lib/stats';

const RING = 100_000;
const samples = sampleTrace('testing123', 4);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)}MB`;

async function run(total: number, onProgress?: (n: number) => void): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-trace-'));
  const index = new WorkerTraceIndex(join(dir, 'trace-index.sqlite'));
  const store = new TraceStore({ ringSize: RING, index, runId: 'bench', flushIntervalMs: 1e9 });
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const s = samples[i % samples.length]!;
    store.append({ ...s, bytes: Buffer.from(s.bytes) }); // fresh bytes per packet, as on the wire
    // The store flushes its index every 100 ms on a timer; a tight loop never yields, so flush here.
    if (i % 5000 === 4999) {
      store.flush();
      onProgress?.(i + 1);
    }
  }
  await store.close(); // until the index worker has written every row
  const rate = total / ((performance.now() - t0) / 1000);
  rmSync(dir, { recursive: true, force: true });
  return rate;
}

const rates: number[] = [];
for (let i = 0; i < 3; i++) rates.push(await run(200_000));
report('trace ingest (ring + index)', { 'records/s': median(rates), target: '50,000' });

const heap: string[] = [];
await run(RING * 10, (n) => {
  if (n % (RING * 2) !== 0) return;
  // After a full GC, so the figure is what the ring retains, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  heap.push(`${n / 1000}k:${mb(process.memoryUsage().heapUsed)}`);
});
report('trace flood heap (ring 100k)', { heapUsed: heap.join(' '), rss: mb(process.memoryUsage().rss) });
