// CPU of the EAP TLS plumbing alone (src/engine/radius/eap/tls-tunnel/tls-engine.ts), in-process, no
// RADIUS: a server TlsEngine the way a PEAP conversation drives it (session cache and key log on, as
// the lab serves it) against a client TlsEngine, with an event-loop turn between rounds as the UDP
// round trips give. Per phase, the server's own calls only: construction, the handshake's feeds,
// one PEAP-like app-data exchange (write an inner request of 40-70 B, feed the peer's 60 B answer),
// exportKeyingMaterial (the MSK) and close. Node completes each write to the wire a turn later and
// frees the socket on later turns: that work lands in no window, so `whole session` (both sides and
// everything deferred, per session) is there too. VERSION=TLSv1.3 for TLS 1.3. Median of 5 batches
// of N sessions, in µs; figures only, never asserted. bench/eap-ab.ts measures the whole server;
// bench/tls-engine-ab.ts A/Bs this plumbing against another checkout in one process.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { exportKeys } from '../src/engine/radius/eap/tls-tunnel/keys';
import { TlsSessionCache } from '../src/engine/radius/eap/tls-tunnel/session-cache';
import { TlsEngine } from '../src/engine/radius/eap/tls-tunnel/tls-engine';
import { fixturePath } from '../test/support/fixtures';
import { median, report } from './lib/stats';

const N = Number(process.env.N ?? 500);
const VERSION = process.env.VERSION === 'TLSv1.3' ? 'TLSv1.3' : 'TLSv1.2';
const EXCHANGES = 4; // PEAP-MSCHAPv2: Identity, Challenge, Success, Result TLV
const pem = (f: string) => readFileSync(fixturePath(`tls/${f}`));
const secureContext = tls.createSecureContext({
  cert: pem('server.pem'),
  key: pem('server.key'),
  minVersion: 'TLSv1.2',
  maxVersion: 'TLSv1.3',
  sessionIdContext: 'bench',
});
const sessions = new TlsSessionCache(4096, 300_000);
const client = { ca: pem('ca.pem'), maxVersion: VERSION, checkServerIdentity: () => undefined } as const;
const answer = Buffer.alloc(60, 2);
let keylogLines = 0;

type Phase = 'construct' | 'handshake' | 'exchange' | 'keys' | 'close';
type Figures = Record<Phase, number>;
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Server CPU (µs) of `run`, added to `into[phase]`. */
async function timed<T>(into: Figures, phase: Phase, run: () => T | Promise<T>): Promise<T> {
  const t = process.cpuUsage();
  const r = await run();
  const d = process.cpuUsage(t);
  into[phase] += d.user + d.system;
  return r;
}

async function session(f: Figures): Promise<void> {
  const s = await timed(
    f,
    'construct',
    () => new TlsEngine({ secureContext, requestCert: false, sessions, keylog: () => keylogLines++ }),
  );
  await turn(); // the Start round
  const c = new TlsEngine({ client });
  await c.feed(Buffer.alloc(0));
  let toServer = c.takeOutput();
  for (let i = 0; i < 6 && !(s.handshakeDone && c.handshakeDone && toServer.length === 0); i++) {
    const input = toServer;
    const toClient = await timed(f, 'handshake', async () => {
      if (input.length) await s.feed(input);
      return s.takeOutput();
    });
    await turn();
    if (toClient.length) await c.feed(toClient);
    toServer = c.takeOutput();
  }
  if (!s.handshakeDone || s.error) throw new Error(`bench: no handshake (${s.error?.message})`);
  for (let k = 0; k < EXCHANGES; k++) {
    const request = Buffer.alloc(40 + k * 10, 1);
    const toClient = await timed(f, 'exchange', async () => {
      await s.write(request);
      return s.takeOutput();
    });
    await turn();
    await c.feed(toClient);
    c.takeAppData();
    await c.write(answer);
    const back = c.takeOutput();
    await turn();
    const app = await timed(f, 'exchange', async () => {
      await s.feed(back);
      return s.takeAppData();
    });
    if (app.length !== 1) throw new Error('bench: the answer did not come through');
  }
  await timed(f, 'keys', () => exportKeys(s.socket, 'peap'));
  await timed(f, 'close', () => s.close());
  c.close();
}

async function batch(n: number): Promise<Figures & { whole: number }> {
  const f: Figures = { construct: 0, handshake: 0, exchange: 0, keys: 0, close: 0 };
  const t = process.cpuUsage();
  for (let i = 0; i < n; i++) await session(f);
  for (let i = 0; i < 3; i++) await turn(); // the last session's deferred teardown
  const d = process.cpuUsage(t);
  const per = (us: number, each = 1) => us / n / each;
  return {
    construct: per(f.construct),
    handshake: per(f.handshake),
    exchange: per(f.exchange, EXCHANGES),
    keys: per(f.keys),
    close: per(f.close),
    whole: per(d.user + d.system),
  };
}

await batch(N); // V8 compiles the paths
const runs: Awaited<ReturnType<typeof batch>>[] = [];
for (let r = 0; r < 5; r++) runs.push(await batch(N));
const us = (k: keyof Figures | 'whole') => median(runs.map((r) => r[k]));
report(`TlsEngine ${VERSION} server µs`, {
  construct: us('construct'),
  handshake: us('handshake'),
  'per exchange': us('exchange'),
  keys: us('keys'),
  close: us('close'),
  'whole session (both sides)': us('whole'),
  'keylog lines': keylogLines,
});
