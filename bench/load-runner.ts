// The product's load runner (src/engine/bench/load, `aaa-lab load`) against AAA Lab's own servers,
// each in its own process: achieved RADIUS PAP req/s (outstanding window 64 and 256) and TACACS+
// PAP single-connect auths/s (64 connections), with the runner's own per-second p50/p99 and errors.
// Targets (issue 14): ≥ 30,000 RADIUS PAP req/s and ≥ 20,000 TACACS+ single-connect auths/s from a
// 2-core machine. Figures only, never asserted. `--seconds N` per case (default 5), `--workers N`.
import type { ChildProcess } from 'node:child_process';
import { loadPlanSchema, type LoadPlanInput } from '../src/contract/load';
import { LoadRun } from '../src/engine/bench/load/load-runner';
import { bundledDictionary } from '../src/engine/radius/dictionary/load';
import { forkBenchServer } from './lib/server-process';
import { report } from './lib/stats';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : undefined;
};
const SECONDS = arg('--seconds') ?? 5;
const WORKERS = arg('--workers');

async function server<T>(file: string): Promise<{ child: ChildProcess; ports: T }> {
  const child = forkBenchServer(file);
  const ports = await new Promise<T>((r) => child.once('message', (m) => r(m as T)));
  return { child, ports };
}

async function measure(name: string, p: Partial<LoadPlanInput>, seconds = SECONDS): Promise<void> {
  const plan = loadPlanSchema.parse({
    host: '127.0.0.1',
    secret: 'testing123',
    users: ['alice'],
    password: 'alice-pass',
    duration: seconds,
    timeout: 1,
    workers: WORKERS,
    ...p,
  });
  const run = new LoadRun(plan, { dictionary: bundledDictionary().dictionary });
  const c0 = process.cpuUsage();
  await run.start();
  const s = await run.done;
  const c1 = process.cpuUsage(c0);
  if (name === 'warm-up') return;
  // The first second climbs while connections open: the steady rate is the median full second.
  const full = run.ticks.slice(1, -1).map((t) => t.ok + Object.values(t.errors).reduce((a, b) => a + b, 0));
  const steady = full.sort((a, b) => a - b)[Math.floor(full.length / 2)] ?? s.rate;
  report(name, {
    'req/s': s.rate,
    'steady req/s': steady,
    'p50 ms': s.p50Ms,
    'p99 ms': s.p99Ms,
    errors: s.errorCount,
    workers: s.workers,
    'runner µs/req': (c1.user + c1.system) / Math.max(1, s.total),
  });
}

console.log(
  'load runner (worker threads, pre-built pools) vs AAA Lab servers in their own processes; the machine may be shared',
);
const radius = await server<{ auth: number; acct: number }>('_radius-server.ts');
await measure('warm-up', { protocol: 'radius', op: 'auth', port: radius.ports.auth, concurrency: 64 }, 2);
for (const c of [64, 256])
  await measure(`radius PAP window=${c}`, {
    protocol: 'radius',
    op: 'auth',
    port: radius.ports.auth,
    concurrency: c,
  });
radius.child.send('stop');
const tacacs = await server<{ port: number }>('_tacacs-server.ts');
await measure(
  'warm-up',
  { protocol: 'tacacs', op: 'authenticate', port: tacacs.ports.port, concurrency: 64 },
  2,
);
for (const c of [16, 64])
  await measure(`tacacs PAP single-connect c=${c}`, {
    protocol: 'tacacs',
    op: 'authenticate',
    port: tacacs.ports.port,
    connection: 'single',
    concurrency: c,
  });
tacacs.child.send('stop');
