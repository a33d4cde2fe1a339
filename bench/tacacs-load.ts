// TACACS+ PAP authentications per second against our server running in its own process, at 1, 8
// and 64 concurrent clients, one connection per authentication and single-connect (one long-lived
// connection per client, back-to-back sessions). Reports auths/s, p50/p99 latency and server CPU
// per authentication (from the server process's own cpuUsage). Figures only, never asserted.
// `--seconds N` per case (default 3); `--soak 60` adds a single-connect run watching server memory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { AuthenStatus, HEADER_LENGTH } from '../src/engine/tacacs/codec/constants';
import { obfuscateInPlace } from '../src/engine/tacacs/codec/obfuscation';
import { decodePacket } from '../src/engine/tacacs/codec/packet';
import { forkBenchServer } from './lib/server-process';
import { cLoadgen, measured, runLoadgen, type Measured } from './lib/loadgen';
import { fmt, percentile, report, Samples } from './lib/stats';
import { checkTacacsSamples, KEY, papStart, writeTacacsPool } from './lib/tacacs-bench';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('--seconds', 3);
const SOAK = arg('--soak', 0);
/** `--profile DIR`: the server process writes a V8 CPU profile there (node --cpu-prof) when it stops. */
const PROFILE = process.argv.includes('--profile')
  ? process.argv[process.argv.indexOf('--profile') + 1]
  : undefined;

const child = forkBenchServer(
  '_tacacs-server.ts',
  PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE}`] : [],
);
const ask = <T>(m: string): Promise<T> =>
  new Promise((r) => (child.once('message', (x) => r(x as T)), child.send(m)));
const { port } = await new Promise<{ port: number }>((r) =>
  child.once('message', (m) => r(m as { port: number })),
);

/** PAP STARTs with distinct session ids (obfuscation depends on the id), without and with SINGLE_CONNECT. */
const POOL = Array.from({ length: 4096 }, (_, i) => papStart(0x10000 + i));
const single = Array.from({ length: 4096 }, (_, i) => papStart(0x10000 + i, 0x04));

/** Sends packets on one socket and resolves each with its reply (sequential per socket). */
class Conn {
  #buf: Buffer = Buffer.alloc(0);
  #wait?: (b: Buffer) => void;
  private constructor(readonly s: Socket) {
    s.setNoDelay(true);
    s.on('data', (c: Buffer) => {
      this.#buf = this.#buf.length ? Buffer.concat([this.#buf, c]) : c;
      if (
        this.#buf.length >= HEADER_LENGTH &&
        this.#buf.length >= HEADER_LENGTH + this.#buf.readUInt32BE(8)
      ) {
        const n = HEADER_LENGTH + this.#buf.readUInt32BE(8);
        const p = this.#buf.subarray(0, n);
        this.#buf = this.#buf.subarray(n);
        this.#wait?.(p);
      }
    });
  }
  static open(): Promise<Conn> {
    return new Promise((res, rej) => {
      const s = connect(port, '127.0.0.1', () => res(new Conn(s)));
      s.once('error', rej);
    });
  }
  send(p: Buffer): Promise<Buffer> {
    return new Promise((r) => {
      this.#wait = r;
      this.s.write(p);
    });
  }
}

/**
 * One single-connect client: one request at a time on its own connection, driven by callbacks (a
 * promise per request made the generator's garbage collector pause all 64 clients at once, which
 * the figures then counted as server latency). A reply's status is read by deobfuscating its first
 * body byte; one reply in 64 is decoded whole.
 */
class SingleFlow {
  #buf: Buffer = Buffer.alloc(0);
  #sentAt = 0;
  #n = 0;
  #stopAt = 0;
  #done?: () => void;

  private constructor(
    readonly s: Socket,
    private readonly r: { lat: Samples; ok: number; bad: number },
    private readonly seed: number,
  ) {
    s.setNoDelay(true);
    s.on('data', (c: Buffer) => this.#onData(c));
  }

  static open(r: { lat: Samples; ok: number; bad: number }, seed: number): Promise<SingleFlow> {
    return new Promise((res, rej) => {
      const s = connect(port, '127.0.0.1', () => res(new SingleFlow(s, r, seed)));
      s.once('error', rej);
    });
  }

  run(until: number): Promise<void> {
    this.#stopAt = until;
    return new Promise((res) => {
      this.#done = res;
      this.#send();
    });
  }

  #send(): void {
    const pkt = single[(this.seed + this.#n++ * 64) % single.length]!;
    this.#sentAt = performance.now();
    this.s.write(pkt);
  }

  #onData(c: Buffer): void {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, c]) : c;
    while (this.#buf.length >= HEADER_LENGTH) {
      const n = HEADER_LENGTH + this.#buf.readUInt32BE(8);
      if (this.#buf.length < n) return;
      const reply = this.#buf.subarray(0, n);
      this.#buf = this.#buf.subarray(n);
      this.#onReply(reply);
    }
  }

  #onReply(reply: Buffer): void {
    const now = performance.now();
    this.r.lat.push(now - this.#sentAt);
    let status: number;
    if ((this.#n & 63) === 0) {
      const body = decodePacket(reply, KEY).body;
      status = 'status' in body ? body.status : -1;
    } else {
      obfuscateInPlace(reply, HEADER_LENGTH, 1, reply.readUInt32BE(4), KEY, reply[0]!, reply[2]!);
      status = reply[HEADER_LENGTH]!;
    }
    if (status === AuthenStatus.PASS) this.r.ok++;
    else this.r.bad++;
    if (now < this.#stopAt) this.#send();
    else this.#done?.();
  }
}

/** The Node generator, in this process. */
async function nodeGenerator(
  concurrency: number,
  mode: 'new-connection' | 'single-connect',
  seconds: number,
): Promise<Measured> {
  const r = { lat: new Samples(), ok: 0, bad: 0 };
  let i = 0;
  const flows =
    mode === 'single-connect'
      ? await Promise.all(Array.from({ length: concurrency }, (_, k) => SingleFlow.open(r, k)))
      : [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  if (mode === 'single-connect') await Promise.all(flows.map((f) => f.run(end)));
  else
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < end) {
          const pkt = POOL[i++ % POOL.length]!;
          const s = performance.now();
          const conn = await Conn.open();
          const reply = await conn.send(pkt);
          r.lat.push(performance.now() - s);
          conn.s.destroy();
          const body = decodePacket(reply, KEY).body;
          if ('status' in body && body.status === AuthenStatus.PASS) r.ok++;
          else r.bad++;
        }
      }),
    );
  const secs = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  for (const f of flows) f.s.destroy();
  const lat = r.lat.sorted();
  const { ok, bad } = r;
  const genUs = (c1.user + c1.system) / Math.max(1, ok + bad);
  return { ok, bad, lost: 0, secs, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), genUs };
}

const work = mkdtempSync(join(tmpdir(), 'aaa-lab-tacacs-load-'));
const poolFiles = new Map<Buffer[], string>();

/**
 * The C generator (bench/loadgen/tacacs.c) on the same pools. It reads each reply's status through
 * the first pad byte computed here; every 64th reply it sampled is decoded here with the key.
 */
async function cGenerator(
  bin: string,
  concurrency: number,
  mode: 'new-connection' | 'single-connect',
  seconds: number,
): Promise<Measured> {
  const pkts = mode === 'single-connect' ? single : POOL;
  let pool = poolFiles.get(pkts);
  if (!pool) {
    pool = join(work, `pool-${poolFiles.size}`);
    writeTacacsPool(pool, pkts);
    poolFiles.set(pkts, pool);
  }
  const samplesFile = join(work, 'samples');
  const res = await runLoadgen(bin, [
    port,
    pool,
    concurrency,
    seconds,
    mode === 'single-connect' ? 'single' : 'new',
    samplesFile,
  ]);
  return measured(res, checkTacacsSamples(samplesFile, pkts).bad);
}

async function runCase(concurrency: number, mode: 'new-connection' | 'single-connect', seconds: number) {
  const before = await ask<{ cpuUs: number; mainUs: number }>('cpu');
  const r = generator.bin
    ? await cGenerator(generator.bin, concurrency, mode, seconds)
    : await nodeGenerator(concurrency, mode, seconds);
  const after = await ask<{ cpuUs: number; mainUs: number; rss: number }>('cpu');
  const { ok, bad, lost, secs } = r;
  report(`tacacs PAP ${mode} c=${concurrency}`, {
    'auths/s': ok / secs,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    'server CPU µs/auth': (after.cpuUs - before.cpuUs) / Math.max(1, ok),
    'main thread µs/auth': (after.mainUs - before.mainUs) / Math.max(1, ok),
    // The load generator shares the machine: when it is near a full core, it is the bound.
    'generator µs/auth': r.genUs,
    failed: bad,
    lost,
  });
}

const generator = cLoadgen('tacacs');
console.log(
  generator.bin
    ? 'load generator: C (bench/loadgen/tacacs.c); `--generator node` for the Node one'
    : `load generator: Node (${generator.why})`,
);
// `--mode single-connect|new-connection` and `--clients 64` narrow the matrix (profiling one case).
const modeArg = process.argv.indexOf('--mode');
const modes = (['new-connection', 'single-connect'] as const).filter(
  (m) => modeArg < 0 || process.argv[modeArg + 1] === m,
);
const clients = process.argv.includes('--clients') ? [arg('--clients', 64)] : [1, 8, 64];
await runCase(8, 'single-connect', 1); // warm-up (JIT), not reported separately
for (const mode of modes) {
  for (const c of clients) await runCase(c, mode, SECONDS);
}
if (SOAK > 0) {
  // Fill the trace ring first (it is bounded, and full after ~100k records): growth after that is a leak.
  await runCase(64, 'single-connect', 10);
  await ask('gc');
  const m0 = await ask<{ rss: number; heap: number }>('cpu');
  await runCase(64, 'single-connect', SOAK);
  await ask('gc');
  const m1 = await ask<{ rss: number; heap: number }>('cpu');
  console.log(
    `soak ${SOAK}s: server heap ${fmt(m0.heap / 1e6, 1)} → ${fmt(m1.heap / 1e6, 1)} MB, rss ${fmt(m0.rss / 1e6, 1)} → ${fmt(m1.rss / 1e6, 1)} MB`,
  );
}
child.send('stop');
rmSync(work, { recursive: true, force: true });
