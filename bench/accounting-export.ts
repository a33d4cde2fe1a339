// Export of 1,000,000 accounting records over GET /api/accounting?format=csv|ndjson: RSS before,
// peak during and after, and throughput. Memory must not grow with the record count.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine } from '../src/engine/lab';
import { silentLogger } from '../src/engine/log';
import { startServeHost } from '../src/serve/host';
import { copyFixtureLab, repoRoot } from '../test/support/fixtures';
import { report } from './lib/stats';

const N = Number(process.env.AAA_LAB_BENCH_EXPORT ?? 1_000_000);
const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)}MB`;
const { config } = copyFixtureLab();
const engine = await Engine.create({
  configPath: config,
  defaultConfigPath: config,
  dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-bench-export-')),
  log: silentLogger,
  factories: [],
});
await engine.start();
const host = await startServeHost({
  engine,
  host: '127.0.0.1',
  port: 0,
  portFallback: false,
  rendererDir: join(repoRoot, 'out/renderer'),
});

// Fill in one outer transaction (each insert becomes a savepoint): seeding is not what is measured.
const db = (engine as unknown as { db: { transaction: (f: () => void) => () => void } }).db;
db.transaction(() => {
  for (let i = 0; i < N; i++) {
    engine.accounting.insert({
      protocol: i % 2 ? 'radius' : 'tacacs',
      time: 1_700_000_000_000 + i,
      device: 'lab-loopback',
      nasAddress: '127.0.0.1',
      username: `user${i % 100}`,
      sessionId: `s${i >> 1}`,
      status: i % 2 ? 'stop' : 'start',
      command: 'show running-config',
      nasPort: 'tty1',
      remoteAddress: '10.0.0.9',
      attributes: { task_id: String(i), service: 'shell' },
    });
  }
})();

for (const format of ['csv', 'ndjson'] as const) {
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const res = await fetch(`http://127.0.0.1:${host.port}/api/accounting?format=${format}`, {
    headers: { 'x-aaa-lab-token': host.token },
  });
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body!) {
    bytes += chunk.length;
    for (const b of chunk) if (b === 10) lines++;
  }
  clearInterval(timer);
  const s = (performance.now() - t0) / 1000;
  report(`accounting export ${format} (${N / 1000}k)`, {
    lines,
    MB: bytes / 2 ** 20,
    'records/s': N / s,
    rssBefore: mb(before),
    rssPeak: mb(peak),
    rssAfter: mb(process.memoryUsage().rss),
  });
}
await host.close();
await engine.close();
