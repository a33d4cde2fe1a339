// Server CPU per plain PAP Access-Request, one request at a time, against AAA Lab as shipped
// (`aaa-lab serve` on lab-eap.yaml, built first, its own process; only its CPU is counted, from
// /proc, split into user and system time). Every EAP round pays this fixed cost (a PEAP
// authentication is 8 rounds), so it is the floor under bench/eap-handler.ts's figure; a bare Node
// UDP echo server pays about 30 µs user + 43 µs system per request here. Figures only, never
// asserted. N requests per batch (default 5000), ROUNDS batches after one warm-up batch.
import { RadiusClient } from '../src/engine/radius/client/client';
import { aaaLab } from './lib/eap-targets';
import { median, report } from './lib/stats';

const N = Number(process.env.N ?? 5000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const server = await aaaLab();
const client = new RadiusClient({ host: '127.0.0.1', port: server.port, secret: 'testing123' });

async function batch(n: number): Promise<{ user: number; sys: number; accepted: number }> {
  const c0 = server.cpu();
  let accepted = 0;
  for (let i = 0; i < n; i++)
    if ((await client.authenticate('alice', 'alice-pass', 'pap')).code === 2) accepted++;
  const c1 = server.cpu();
  return { user: ((c1.user - c0.user) * 1000) / n, sys: ((c1.sys - c0.sys) * 1000) / n, accepted };
}

await batch(N);
const runs = [];
for (let r = 0; r < ROUNDS; r++) runs.push(await batch(N));
report('PAP Access-Request one at a time, server CPU µs/request', {
  'user+sys median': median(runs.map((r) => r.user + r.sys)),
  user: median(runs.map((r) => r.user)),
  sys: median(runs.map((r) => r.sys)),
  accepted: `${runs.reduce((a, r) => a + r.accepted, 0)}/${N * ROUNDS}`,
});
await server.stop();
