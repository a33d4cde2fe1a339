// In-process A/B of the EAP TLS plumbing (src/engine/radius/eap/tls-tunnel/tls-engine.ts) between
// this checkout and another (`--base DIR`, a worktree with node_modules linked): both TlsEngine
// classes loaded in one process, batches alternating between them (which goes first alternates
// too), so the shared machine's drift hits both alike. bench/eap-ab.ts measures the whole server,
// whose ±5% noise hides changes of this size; this isolates the TLS plumbing:
//   exchange: PEAP-like app-data exchanges over one established pair (server writes 50 B, client
//             answers 60 B, an event-loop turn between, as the UDP round trips give);
//   session:  a whole TLS 1.2 session (construct, handshake, 4 exchanges, close).
// Both sides' CPU (the client runs on TlsEngine too). Prints medians and the median of the paired
// ratios new/base. Figures only, never asserted.
//   npx tsx bench/tls-engine-ab.ts --base /tmp/base [--mode exchange|session] [--pairs 40]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import tls from 'node:tls';
import { TlsEngine } from '../src/engine/radius/eap/tls-tunnel/tls-engine';
import { fixturePath } from '../test/support/fixtures';
import { median, report } from './lib/stats';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const baseDir = arg('--base');
if (!baseDir) {
  console.error('usage: npx tsx bench/tls-engine-ab.ts --base DIR [--mode exchange|session] [--pairs N]');
  process.exit(2);
}
const MODE = arg('--mode') === 'session' ? 'session' : 'exchange';
const PAIRS = Number(arg('--pairs') ?? 40);
type Engine = typeof TlsEngine;
const baseModule = resolve(baseDir, 'src/engine/radius/eap/tls-tunnel/tls-engine.ts');
const Base = ((await import(baseModule)) as { TlsEngine: Engine }).TlsEngine;

const pem = (f: string) => readFileSync(fixturePath(`tls/${f}`));
const secureContext = tls.createSecureContext({
  cert: pem('server.pem'),
  key: pem('server.key'),
  maxVersion: 'TLSv1.2',
});
const client = {
  secureContext: tls.createSecureContext({ ca: pem('ca.pem') }),
  checkServerIdentity: () => undefined,
};
const request = Buffer.alloc(50, 1);
const answer = Buffer.alloc(60, 2);
const turn = () => new Promise((r) => setImmediate(r));

async function connect(E: Engine): Promise<[TlsEngine, TlsEngine]> {
  const s = new E({ secureContext, requestCert: false });
  const c = new E({ client });
  await c.feed(Buffer.alloc(0));
  let toServer = c.takeOutput();
  for (let i = 0; i < 6 && !(s.handshakeDone && c.handshakeDone && toServer.length === 0); i++) {
    if (toServer.length) await s.feed(toServer);
    const toClient = s.takeOutput();
    await turn();
    if (toClient.length) await c.feed(toClient);
    toServer = c.takeOutput();
  }
  if (!s.handshakeDone || s.error) throw new Error(`bench: no handshake (${s.error?.message})`);
  return [s, c];
}

async function exchanges([s, c]: [TlsEngine, TlsEngine], n: number): Promise<void> {
  for (let k = 0; k < n; k++) {
    await s.write(request);
    const toClient = s.takeOutput();
    await turn();
    await c.feed(toClient);
    c.takeAppData();
    await c.write(answer);
    const back = c.takeOutput();
    await turn();
    await s.feed(back);
    if (s.takeAppData().length !== 1) throw new Error('bench: the answer did not come through');
  }
}

/** CPU µs per exchange or per session of one batch on engine class E. */
async function batch(E: Engine, pair: [TlsEngine, TlsEngine]): Promise<number> {
  const n = MODE === 'exchange' ? 500 : 20;
  const t = process.cpuUsage();
  if (MODE === 'exchange') await exchanges(pair, n);
  else
    for (let i = 0; i < n; i++) {
      const p = await connect(E);
      await exchanges(p, 4);
      p[0].close();
      p[1].close();
      await turn();
    }
  const d = process.cpuUsage(t);
  return (d.user + d.system) / n;
}

const pairs = { base: await connect(Base), new: await connect(TlsEngine) };
const run = (side: 'base' | 'new') => batch(side === 'base' ? Base : TlsEngine, pairs[side]);
// V8 compiles both paths first.
for (let i = 0; i < 4; i++) {
  await run('base');
  await run('new');
}
const b: number[] = [];
const h: number[] = [];
for (let i = 0; i < PAIRS; i++) {
  if (i % 2) {
    h.push(await run('new'));
    b.push(await run('base'));
  } else {
    b.push(await run('base'));
    h.push(await run('new'));
  }
}
report(`TlsEngine ${MODE} µs, both sides`, {
  base: median(b),
  new: median(h),
  'new/base (median of pairs)': median(h.map((x, i) => x / b[i]!)),
  pairs: PAIRS,
});
for (const [s, c] of Object.values(pairs)) {
  s.close();
  c.close();
}
