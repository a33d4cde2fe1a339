// RADIUS load: Access-Request/s (PAP, with Message-Authenticator) and p50/p99 latency at 1, 16, 64
// and 256 outstanding requests, then Accounting-Request (Interim-Update) records/s acknowledged,
// against a real Engine (trace store + SQLite accounting) in its own process (_radius-server.ts).
// Counts lost requests (no reply within 1 s), the kernel's UDP RcvbufErrors before/after each case
// and server CPU per request. Figures only, never asserted. Targets (issue 4): ≥ 42,000/s at 64
// outstanding, p99 ≤ 3 ms, 0 lost. `--seconds N` per case (default 5); `--soak 60` adds a run at 64
// outstanding watching server memory; `--only 64` runs one concurrency; `--no-acct` skips accounting.
import { execFileSync } from 'node:child_process';
import { createSocket, type Socket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAttributes } from '../src/engine/radius/codec/build';
import { CODES } from '../src/engine/radius/codec/constants';
import { signRequest, verifyResponse } from '../src/engine/radius/codec/sign';
import { startFreeRadius } from '../test/peers/freeradius';
import { accessRequest, checkRadiusSamples, dict, SECRET, writeRadiusPool } from './lib/radius-bench';
import { forkBenchServer } from './lib/server-process';
import { cLoadgen, measured, runLoadgen, type Measured } from './lib/loadgen';
import { fmt, percentile, report, Samples } from './lib/stats';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const SECONDS = arg('--seconds', 5);
const SOAK = arg('--soak', 0);
const ONLY = arg('--only', 0);
const TIMEOUT_MS = 1000;
/** Outstanding requests per client socket (its 256 Identifiers stay far from exhausted). */
const PER_SOCKET = 16;
/** Variants per Identifier: (source port, Identifier, authenticator) must not repeat within the
 * server's 5 s duplicate window (RFC 5080), or it would answer from its cache. */
const VARIANTS = 512;

/** What the generator measures: our Engine in its own process, or FreeRADIUS for calibration. */
interface Target {
  name: string;
  ports: { auth: number; acct: number };
  cpu(): Promise<{ cpuUs: number; mainUs: number; rss: number; heap: number }>;
  records(): Promise<number>;
  gc(): Promise<void>;
  stop(): Promise<void>;
}

const target: Target & { pid: number } =
  process.argv[process.argv.indexOf('--target') + 1] === 'freeradius'
    ? await freeRadiusTarget()
    : await engineTarget();
if (process.env.PIN) {
  const [gen, srv] = process.env.PIN.split('/');
  execFileSync('taskset', ['-a', '-cp', gen!, String(process.pid)], { stdio: 'ignore' });
  execFileSync('taskset', ['-a', '-cp', srv!, String(target.pid)], { stdio: 'ignore' });
}

async function engineTarget(): Promise<Target & { pid: number }> {
  const child = forkBenchServer('_radius-server.ts', process.env.RADIUS_BENCH_PROF ? ['--cpu-prof'] : []);
  const ask = <T>(m: string): Promise<T> =>
    new Promise((r) => (child.once('message', (x) => r(x as T)), child.send(m)));
  const ports = await new Promise<{ auth: number; acct: number }>((r) =>
    child.once('message', (m) => r(m as { auth: number; acct: number })),
  );
  return {
    name: 'aaa-lab',
    pid: child.pid!,
    ports,
    cpu: () => ask('cpu'),
    records: async () => (await ask<{ records: number }>('count')).records,
    gc: async () => void (await ask('gc')),
    stop: async () => void child.send('stop'),
  };
}

/**
 * `--target freeradius`: the same generator against FreeRADIUS 3.2 (thread pool, not -X), the
 * server the issue's figures come from — it tells how much of a gap is the generator's. CPU from
 * /proc (clock ticks); accounting records are not stored (`ok`), so stored/s reads 0.
 */
async function freeRadiusTarget(): Promise<Target & { pid: number }> {
  const fr = await startFreeRadius('/usr/sbin/freeradius', ['-f', '-l', 'stdout']);
  const tick = 1e6 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  return {
    name: 'freeradius',
    pid: fr.pid,
    ports: { auth: fr.auth, acct: fr.acct },
    cpu: async () => {
      const f = readFileSync(`/proc/${fr.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      const rss = Number(f[21]) * 4096;
      return { cpuUs: (Number(f[11]) + Number(f[12])) * tick, mainUs: NaN, rss, heap: rss };
    },
    records: async () => 0,
    gc: async () => {},
    stop: () => fr.stop(),
  };
}

/** Pre-signed requests, [identifier][variant], so the generator spends its core on sockets. */
function pool(make: (id: number, v: number) => Buffer): Buffer[][] {
  return Array.from({ length: 256 }, (_, id) => Array.from({ length: VARIANTS }, (_, v) => make(id, v)));
}
const accessPool = pool((id, v) => accessRequest(id, id * VARIANTS + v));
const acctPool = pool((id, v) =>
  signRequest(
    CODES['Accounting-Request'],
    id,
    buildAttributes(
      [
        { name: 'Acct-Status-Type', value: 'Interim-Update' },
        { name: 'User-Name', value: 'alice' },
        { name: 'Acct-Session-Id', value: `bench-${v % 64}` },
        { name: 'NAS-IP-Address', value: '127.0.0.1' },
        { name: 'Framed-IP-Address', value: '10.0.0.7' },
        { name: 'Acct-Input-Octets', value: id * VARIANTS + v },
        { name: 'Acct-Session-Time', value: v },
      ],
      dict,
    ),
    SECRET,
    { messageAuthenticator: false },
  ),
);

/** The kernel's UDP counters (all sockets on this host: both processes are ours during the run). */
function udpSnmp(): Record<string, number> {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('Udp:'));
  const keys = lines[0]!.split(/\s+/).slice(1);
  const vals = lines[1]!.split(/\s+/).slice(1).map(Number);
  return Object.fromEntries(keys.map((k, i) => [k, vals[i]!]));
}

interface CaseResult {
  ok: number;
  bad: number;
  lost: number;
  lat: Samples;
  secs: number;
}

/** One client socket keeping `window` requests in flight until `end`. */
class Flow {
  readonly sock: Socket;
  readonly #sentAt = new Float64Array(256).fill(-1);
  readonly #variant = new Uint16Array(256);
  /** The packet in flight per Identifier (its authenticator verifies the reply). */
  readonly #sent: Array<Buffer | undefined> = new Array(256);
  #nextId = 0;
  #inFlight = 0;
  #stopping = false;
  #done?: () => void;

  constructor(
    private readonly pkts: Buffer[][],
    private readonly port: number,
    private readonly expect: number,
    private readonly r: CaseResult,
  ) {
    this.sock = createSocket('udp4');
    this.sock.on('message', (m) => this.#onReply(m));
  }

  async open(): Promise<void> {
    await new Promise<void>((res) => this.sock.bind(0, '127.0.0.1', () => res()));
    this.sock.setRecvBufferSize(4 << 20);
    await new Promise<void>((res) => this.sock.connect(this.port, '127.0.0.1', () => res()));
  }

  run(window: number): Promise<void> {
    this.#stopping = false;
    for (let i = 0; i < window; i++) this.#send();
    return new Promise((res) => (this.#done = res));
  }

  stop(): void {
    this.#stopping = true;
    if (this.#inFlight === 0) this.#done?.();
  }

  /** Requests unanswered for TIMEOUT_MS are lost: count them and send a fresh one in their place. */
  expire(now: number): void {
    for (let id = 0; id < 256; id++) {
      const t = this.#sentAt[id]!;
      if (t >= 0 && now - t > TIMEOUT_MS) {
        this.#sentAt[id] = -1;
        this.#inFlight--;
        this.r.lost++;
        this.#next();
      }
    }
  }

  abandon(): void {
    for (let id = 0; id < 256; id++)
      if (this.#sentAt[id]! >= 0) {
        this.#sentAt[id] = -1;
        this.r.lost++;
      }
    this.#inFlight = 0;
    this.#done?.();
  }

  #send(): void {
    let id = this.#nextId;
    while (this.#sentAt[id]! >= 0) id = (id + 1) & 0xff;
    this.#nextId = (id + 1) & 0xff;
    const v = this.#variant[id]!;
    this.#variant[id] = (v + 1) % VARIANTS;
    const pkt = this.pkts[id]![v]!;
    this.#sent[id] = pkt;
    this.#sentAt[id] = performance.now();
    this.#inFlight++;
    this.sock.send(pkt);
  }

  #next(): void {
    if (!this.#stopping) this.#send();
    else if (this.#inFlight === 0) this.#done?.();
  }

  #onReply(m: Buffer): void {
    const id = m[1]!;
    const t = this.#sentAt[id]!;
    if (t < 0) return; // late reply to a request already counted lost
    this.r.lat.push(performance.now() - t);
    this.#sentAt[id] = -1;
    this.#inFlight--;
    // Verify one reply in 64 fully (authenticators with the secret); the rest by code.
    const ok =
      m[0] === this.expect &&
      ((this.r.ok & 63) !== 0 ||
        verifyResponse(m, this.#sent[id]!.subarray(4, 20), SECRET).authenticator === 'ok');
    if (ok) this.r.ok++;
    else this.r.bad++;
    this.#next();
  }
}

/** One case for a generator: the pool, where to send, the reply code expected, the load. */
interface Load {
  pkts: Buffer[][];
  port: number;
  expect: number;
  outstanding: number;
  seconds: number;
}

/** The Node generator: one Flow per client socket, all in this process. */
async function nodeGenerator({ pkts, port, expect, outstanding, seconds }: Load): Promise<Measured> {
  const r: CaseResult = { ok: 0, bad: 0, lost: 0, lat: new Samples(), secs: 0 };
  const nSock = Math.max(1, Math.ceil(outstanding / PER_SOCKET));
  const flows = Array.from({ length: nSock }, () => new Flow(pkts, port, expect, r));
  await Promise.all(flows.map((f) => f.open()));
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    for (const f of flows) f.expire(now);
  }, 100);
  const running = flows.map((f, i) =>
    f.run(Math.floor(outstanding / nSock) + (i < outstanding % nSock ? 1 : 0)),
  );
  await new Promise((res) => setTimeout(res, seconds * 1000));
  for (const f of flows) f.stop();
  const drained = await Promise.race([
    Promise.all(running).then(() => true),
    new Promise<false>((res) => setTimeout(() => res(false), TIMEOUT_MS + 200)),
  ]);
  if (!drained) for (const f of flows) f.abandon();
  r.secs = (performance.now() - t0) / 1000;
  clearInterval(timer);
  const c1 = process.cpuUsage(c0);
  for (const f of flows) f.sock.close();
  const lat = r.lat.sorted();
  const { ok, bad, lost, secs } = r;
  const genUs = (c1.user + c1.system) / Math.max(1, ok + bad);
  return { ok, bad, lost, secs, p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), genUs };
}

/** Pool files for the C generator, written once per pool. */
const poolFiles = new Map<Buffer[][], string>();
const work = mkdtempSync(join(tmpdir(), 'aaa-lab-radius-load-'));

/**
 * The C generator (bench/loadgen/radius.c) on the same pre-signed pool; every 1024th reply it
 * sampled is verified here with the secret, so a wrong authenticator is still caught.
 */
async function cGenerator(
  bin: string,
  { pkts, port, expect, outstanding, seconds }: Load,
): Promise<Measured> {
  let pool = poolFiles.get(pkts);
  if (!pool) {
    pool = join(work, `pool-${poolFiles.size}`);
    writeRadiusPool(pool, pkts);
    poolFiles.set(pkts, pool);
  }
  const nSock = Math.max(1, Math.ceil(outstanding / PER_SOCKET));
  const samplesFile = join(work, 'samples');
  const res = await runLoadgen(bin, [port, pool, nSock, outstanding, seconds, expect, samplesFile]);
  return measured(res, checkRadiusSamples(samplesFile, pkts).bad);
}

async function runCase(
  name: string,
  pkts: Buffer[][],
  port: number,
  expect: number,
  outstanding: number,
  seconds: number,
  quiet = false,
) {
  const snmp0 = udpSnmp();
  const cpu0 = await target.cpu();
  const rec0 = await target.records();
  const load = { pkts, port, expect, outstanding, seconds };
  const r = generator.bin ? await cGenerator(generator.bin, load) : await nodeGenerator(load);
  const cpu1 = await target.cpu();
  const rec1 = await target.records();
  const snmp1 = udpSnmp();
  if (quiet) return r;
  const total = r.ok + r.bad;
  report(`${name}${target.name === 'aaa-lab' ? '' : ` [${target.name}]`}`, {
    'req/s': r.ok / r.secs,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    lost: r.lost,
    wrong: r.bad,
    'server µs/req': (cpu1.cpuUs - cpu0.cpuUs) / Math.max(1, total),
    'main thread µs/req': (cpu1.mainUs - cpu0.mainUs) / Math.max(1, total),
    'generator µs/req': r.genUs,
    RcvbufErrors: (snmp1.RcvbufErrors ?? 0) - (snmp0.RcvbufErrors ?? 0),
    ...(expect === CODES['Accounting-Response']
      ? {
          'stored/s': (rec1 - rec0) / r.secs,
          stored: rec1 - rec0,
          acked: r.ok,
        }
      : {}),
  });
  return r;
}

const generator = cLoadgen('radius');
console.log(
  generator.bin
    ? 'load generator: C (bench/loadgen/radius.c); `--generator node` for the Node one'
    : `load generator: Node (${generator.why})`,
);
const ACCEPT = CODES['Access-Accept'];
const ACCT_RESP = CODES['Accounting-Response'];
await runCase('warm-up', accessPool, target.ports.auth, ACCEPT, 16, 2, true);
for (const c of ONLY ? [ONLY] : [1, 16, 64, 256])
  await runCase(`radius PAP outstanding=${c}`, accessPool, target.ports.auth, ACCEPT, c, SECONDS);
for (const c of process.argv.includes('--no-acct') ? [] : ONLY ? [ONLY] : [16, 64])
  await runCase(`radius acct interim outstanding=${c}`, acctPool, target.ports.acct, ACCT_RESP, c, SECONDS);
if (SOAK > 0) {
  // Heap after a full GC every 10 s: flat means bounded (the trace ring was filled by the runs above).
  const mb = (n: number) => fmt(n / 1e6, 1);
  await target.gc();
  const m0 = await target.cpu();
  const series = [mb(m0.heap)];
  let m1 = m0;
  for (let t = 0; t < SOAK; t += 10) {
    await runCase(
      `radius PAP soak ${t}-${t + 10}s outstanding=64`,
      accessPool,
      target.ports.auth,
      ACCEPT,
      64,
      10,
    );
    await target.gc();
    m1 = await target.cpu();
    series.push(mb(m1.heap));
  }
  console.log(
    `soak ${SOAK}s: server heap MB every 10 s ${series.join(' → ')}; rss ${mb(m0.rss)} → ${mb(m1.rss)} MB`,
  );
}
await target.stop();
rmSync(work, { recursive: true, force: true });
