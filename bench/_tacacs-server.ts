// The TACACS+ server under load, in its own process (started by tacacs-load.ts). It answers the
// parent's IPC "cpu" messages with its CPU time and memory so the load generator can report server
// CPU per authentication. The sinks are the engine's real ones, wired as lab.ts wires them: the
// TraceStore (ring + batched SQLite index, per-batch metrics and per-record dashboard stats) and the
// AccountingRepo, both on a SQLite file in a temp dir, so the figures are what `aaa-lab serve` costs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatsAggregator } from '../src/engine/metrics/stats';
import { AccountingRepo } from '../src/engine/store/accounting-repo';
import { openDatabase } from '../src/engine/store/database';
import { TacacsServer } from '../src/engine/tacacs/server/server';
import { WorkerTraceIndex } from '../src/engine/trace/trace-index';
import { TraceStore } from '../src/engine/trace/trace-store';
import { fixtureLab, testContext } from '../test/support/tacacs-lab';
import { mainThreadCpuUs } from './lib/stats';

const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-tacacs-'));
const db = openDatabase(dir);
const lab = fixtureLab();
const base = testContext(lab);
const stats = new StatsAggregator({
  emit: () => {},
  activeConnections: () => Promise.resolve(0),
  served: () => new Set(['tacacs']),
});
stats.start();
let traced = 0;
const trace = new TraceStore({
  ringSize: lab.config.trace.ringSize,
  index: new WorkerTraceIndex(join(dir, 'trace-index.sqlite')),
  runId: 'bench',
  onBatch: (batch) => {
    for (const { protocol, direction, n } of batch.counts())
      base.metrics.traceRecords.inc({ protocol, direction }, n);
  },
  onRecord: (input, latencyUs) => {
    traced++;
    stats.observe(input, latencyUs);
  },
});
const ctx = { ...base, trace, accounting: new AccountingRepo(db) };
const server = new TacacsServer(ctx);
const listeners = await server.start();
const port = listeners.find((l) => l.service === 'tacacs')!.port;
process.on('message', (m: unknown) => {
  if (m === 'cpu') {
    const u = process.cpuUsage();
    process.send!({
      cpuUs: u.user + u.system,
      mainUs: mainThreadCpuUs(),
      rss: process.memoryUsage().rss,
      heap: process.memoryUsage().heapUsed,
      traced,
    });
  } else if (m === 'gc') {
    (globalThis as { gc?: () => void }).gc?.();
    process.send!({ gc: true });
  } else if (m === 'stop') {
    void server.stop().then(async () => {
      await trace.close();
      stats.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  }
});
process.send!({ port });
