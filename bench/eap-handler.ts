// Server CPU per full PEAP-MSCHAPv2 (or, METHOD=tls, EAP-TLS) authentication (TLS 1.2), quick enough to A/B a change in a minute:
// AAA Lab as shipped (`aaa-lab serve`, built first) on lab-eap.yaml in its own process, our supplicant
// here, one conversation at a time, WARMUP authentications first (V8 compiles the EAP path) then ROUNDS
// batches of N. Only the server process's CPU is counted (/proc), so the client's share does not blur
// the figure; `SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR"` profiles the server.
// bench/eap-vs-freeradius.ts is the comparison with FreeRADIUS. Figures only, never asserted.
import { aaaLab, cpuPerAuth, labSupplicant } from './lib/eap-targets';
import { median, report } from './lib/stats';

const WARMUP = Number(process.env.WARMUP ?? 1000);
const N = Number(process.env.N ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const METHOD = process.env.METHOD === 'tls' ? 'tls' : 'peap';
const server = await aaaLab();
const client = labSupplicant(METHOD);
const run = (n: number) => cpuPerAuth(server, client, n);

await run(WARMUP);
const figures: number[] = [];
let accepted = 0;
for (let i = 0; i < ROUNDS; i++) {
  const r = await run(N);
  figures.push(r.ms);
  accepted += r.accepted;
}
report(`${METHOD === 'tls' ? 'EAP-TLS' : 'PEAP-MSCHAPv2'} TLS 1.2, server CPU`, {
  'ms/auth median': median(figures),
  batches: figures.map((f) => f.toFixed(2)).join('/'),
  accepted: `${accepted}/${N * ROUNDS}`,
});
await server.stop();
