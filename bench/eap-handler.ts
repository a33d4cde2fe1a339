// Server CPU per full PEAP-MSCHAPv2 (or, METHOD=tls, EAP-TLS) authentication (TLS 1.2), quick enough to A/B a change in a minute:
// AAA Lab as shipped (`aaa-lab serve`, built first) on lab-eap.yaml in its own process, our supplicant
// here, one conversation at a time, WARMUP authentications first (V8 compiles the EAP path) then ROUNDS
// batches of N. Only the server process's CPU is counted (/proc), so the client's share does not blur
// the figure; `SERVER_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR"` profiles the server.
// bench/eap-vs-freeradius.ts is the comparison with FreeRADIUS. Figures only, never asserted.
import { readFileSync } from 'node:fs';
import { runEapClient, type EapClientOptions } from '../src/engine/test-client/eap/supplicant';
import { fixturePath } from '../test/support/fixtures';
import { aaaLab } from './lib/eap-targets';
import { median, report } from './lib/stats';

const WARMUP = Number(process.env.WARMUP ?? 1000);
const N = Number(process.env.N ?? 500);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const server = await aaaLab();
const pem = (f: string) => readFileSync(fixturePath(`tls/${f}`));
const METHOD = process.env.METHOD === 'tls' ? 'tls' : 'peap';
const who: Pick<EapClientOptions, 'user' | 'password' | 'tls'> =
  METHOD === 'tls'
    ? {
        user: 'lab-client',
        password: '',
        tls: { ca: pem('ca.pem'), cert: pem('client.pem'), key: pem('client.key') },
      }
    : { user: 'alice', password: 'alice-pass', tls: { ca: pem('ca.pem') } };

async function run(n: number): Promise<{ ms: number; accepted: number }> {
  let accepted = 0;
  const c0 = server.cpuMs();
  for (let i = 0; i < n; i++) {
    const r = await runEapClient({
      host: '127.0.0.1',
      port: server.port,
      secret: 'testing123',
      method: METHOD,
      ...who,
      tls: { ...who.tls, maxVersion: 'TLSv1.2' },
      timeoutMs: 5000,
    });
    if (r.outcome === 'accept' && r.mppe === 'match') accepted++;
  }
  return { ms: (server.cpuMs() - c0) / n, accepted };
}

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
