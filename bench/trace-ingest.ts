// Trace ingest: records/s into the ring + the SQLite index (target ≥ 50,000/s), and heap over a
// flood of 10× the ring (memory must stay bounded by the ring size). Figures, never asserted.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/engine/store/database';
import { TraceStore } from '../src/engine/trace/trace-store';
import { sampleTrace } from '../test/support/trace-samples';
import { median, report } from './lib/stats';

const RING = 100_000;
const samples = sampleTrace('testing123', 4);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)}MB`;

function run(total: number, onProgress?: (n: number) => void): number {
  const db = openDatabase(mkdtempSync(join(tmpdir(), 'aaa-lab-bench-trace-')));
  const store = new TraceStore({ ringSize: RING, db, runId: 'bench', flushIntervalMs: 1e9 });
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
  store.close();
  const rate = total / ((performance.now() - t0) / 1000);
  db.close();
  return rate;
}

const rates = [0, 1, 2].map(() => run(200_000));
report('trace ingest (ring + index)', { 'records/s': median(rates), target: '50,000' });

const heap: string[] = [];
run(RING * 10, (n) => {
  if (n % (RING * 2) !== 0) return;
  // After a full GC, so the figure is what the ring retains, not garbage not yet collected.
  (globalThis as { gc?: () => void }).gc?.();
  heap.push(`${n / 1000}k:${mb(process.memoryUsage().heapUsed)}`);
});
report('trace flood heap (ring 100k)', { heapUsed: heap.join(' '), rss: mb(process.memoryUsage().rss) });
