// Server CPU per plain PAP Access-Request, one request at a time, against AAA Lab as shipped
// (`aaa-lab serve` on lab-eap.yaml, built first, its own process; only its CPU is counted, from
// /proc, split into user and system time). Every EAP round pays this fixed cost (a PEAP
// authentication is 8 rounds), so it is the floor under bench/eap-handler.ts's figure; a bare Node
// UDP echo server pays about 30 µs user + 43 µs system per request here. Figures only, never
// asserted. N requests per batch (default 5000), ROUNDS batches after one warm-up batch. CPU is
// the threads' scheduler run time (procCpuMs, ns); user and sys are /proc's 10 ms ticks (the split).
// `--base DIR` (another checkout, e.g. `git worktree add /tmp/base main`, node_modules linked): an
// A/B, both built and serving at once, requests taking turns between them so the shared machine's
// load hits both alike; prints each side's medians and the median of the per-batch ratios new/base.
// `--freeradius`: the same against a private FreeRADIUS 3.2 (thread pool, alice in its users file).
// FreeRADIUS frees each request cleanup_delay (5 s) after replying: the rounds follow one another
// without a pause and the first comes after the warm-up, so each batch's reading holds about as
// much of that deferred work as its own requests will leave behind.
//   N=5000 ROUNDS=3 npx tsx bench/radius-serve-cpu.ts [--base DIR | --freeradius]
import { resolve } from 'node:path';
import { RadiusClient } from '../src/engine/radius/client/client';
import { aaaLab, freeRadius, type EapTarget } from './lib/eap-targets';
import { procCpuMs } from './lib/eapol';
import { median, report } from './lib/stats';

const N = Number(process.env.N ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const i = process.argv.indexOf('--base');
const baseDir = i > 0 ? process.argv[i + 1] : undefined;
const againstFreeRadius = process.argv.includes('--freeradius');
if (baseDir && againstFreeRadius) {
  console.error('radius-serve-cpu: --base and --freeradius are two different comparisons; pick one');
  process.exit(2);
}

interface Batch {
  user: number;
  sys: number;
  /** user + sys from the scheduler's nanosecond run times: the figure the A/B ratio is of. */
  total: number;
  accepted: number;
}

/**
 * `n` requests to each target, one at a time, taking turns request by request: with `--base` the
 * two servers then share every moment of the machine's load (whole batches one after the other
 * differed by ±30% on the shared 2-core machine, even when both ran the same code).
 */
async function batch(servers: readonly EapTarget[], clients: readonly RadiusClient[], n: number) {
  const c0 = servers.map((s) => s.cpu());
  const r0 = servers.map((s) => procCpuMs(s.pid));
  const accepted = servers.map(() => 0);
  for (let i = 0; i < n; i++)
    for (let t = 0; t < servers.length; t++)
      if ((await clients[t]!.authenticate('alice', 'alice-pass', 'pap')).code === 2) accepted[t]!++;
  return servers.map((s, t): Batch => {
    const c1 = s.cpu();
    return {
      user: ((c1.user - c0[t]!.user) * 1000) / n,
      sys: ((c1.sys - c0[t]!.sys) * 1000) / n,
      total: ((procCpuMs(s.pid) - r0[t]!) * 1000) / n,
      accepted: accepted[t]!,
    };
  });
}

function figures(runs: readonly Batch[]): Record<string, string | number> {
  return {
    'CPU median': median(runs.map((r) => r.total)),
    user: median(runs.map((r) => r.user)),
    sys: median(runs.map((r) => r.sys)),
    accepted: `${runs.reduce((a, r) => a + r.accepted, 0)}/${N * runs.length}`,
  };
}

const targets = [
  ...(baseDir ? [await aaaLab({ root: resolve(baseDir), name: 'base' })] : []),
  await aaaLab({ name: baseDir ? 'new' : 'AAA Lab' }),
  ...(againstFreeRadius ? [await freeRadius()] : []),
];
const clients = targets.map(
  (t) => new RadiusClient({ host: '127.0.0.1', port: t.port, secret: 'testing123' }),
);
try {
  await batch(targets, clients, 2 * N); // warm-up: V8 compiles the hot path
  const runs: Batch[][] = targets.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so neither always follows the other's request.
    const order = r % 2 ? [...targets.keys()].reverse() : [...targets.keys()];
    const got = await batch(
      order.map((t) => targets[t]!),
      order.map((t) => clients[t]!),
      N,
    );
    order.forEach((t, k) => runs[t]!.push(got[k]!));
  }
  const label = 'PAP Access-Request one at a time, server CPU µs/request';
  if (againstFreeRadius) targets.forEach((t, k) => report(`${label}, ${t.name}`, figures(runs[k]!)));
  else if (!baseDir) report(label, figures(runs[0]!));
  else {
    const [b, h] = runs as [Batch[], Batch[]];
    report(`${label}, base`, figures(b));
    report(`${label}, new`, figures(h));
    report('new/base (median of pairs)', {
      CPU: median(h.map((x, k) => x.total / b[k]!.total)),
      user: median(h.map((x, k) => x.user / b[k]!.user)),
      pairs: b.map((x, k) => `${x.total.toFixed(0)}:${h[k]!.total.toFixed(0)}`).join(' '),
    });
  }
} finally {
  for (const c of clients) await c.close();
  for (const t of targets) await t.stop();
}
