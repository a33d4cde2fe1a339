import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { LabError } from '../../../contract/envelope';
import { loadErrorKinds, type LoadPlan, type LoadSummary, type LoadTick } from '../../../contract/load';
import type { Dictionary } from '../../radius/dictionary/dictionary';
import { addInto, BUCKETS, percentileMs } from './histogram';
import { radiusPool, VARIANTS } from './pool-radius';
import { tacacsPool } from './pool-tacacs';
import { expandUsers } from './users';
import { WORKER_SOURCE } from './worker-source';

interface SecondStats {
  sent: number;
  ok: number;
  rejects: number;
  errors: number[];
  hist: Uint32Array;
  max: number;
}
type WorkerSecond = Omit<SecondStats, 'hist'> & { sec: number; hist: Uint32Array };

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** RFC 8907 §5.2, §6.2, §7.2: the statuses that mean success for each operation. */
const PASS_STATUSES = { authenticate: [1], authorize: [1, 2], account: [1] } as const;

/**
 * One load run: builds the request pool, starts the worker threads at one common instant, merges
 * their per-second statistics and ends at the duration, the count or stop(), whichever comes first.
 */
export class LoadRun {
  readonly ticks: LoadTick[] = [];
  readonly #seconds = new Map<number, SecondStats>();
  readonly #workers: Worker[] = [];
  #emitted = -1;
  #startAt = 0;
  #timer?: NodeJS.Timeout;
  #stoppedBy: LoadSummary['stoppedBy'] = 'duration';
  readonly done: Promise<LoadSummary>;
  #resolve!: (s: LoadSummary) => void;

  constructor(
    readonly plan: LoadPlan,
    private readonly opts: { dictionary: Dictionary; onTick?(t: LoadTick): void },
  ) {
    if (!isLoopback(plan.host) && !plan.confirm)
      throw new LabError(
        'invalid_input',
        `${plan.host} is not a loopback address: confirm the load run first`,
        [{ path: 'confirm', message: 'required for a target that is not on this machine' }],
      );
    this.done = new Promise((r) => (this.#resolve = r));
  }

  /** Resolves once every worker is connected and the run has begun. */
  async start(): Promise<void> {
    const plan = this.plan;
    let users;
    try {
      users = expandUsers(plan.users, plan.password);
    } catch (e) {
      throw new LabError('invalid_input', (e as Error).message, [
        { path: 'users', message: (e as Error).message },
      ]);
    }
    const pool =
      plan.protocol === 'radius' ? radiusPool(plan, users, this.opts.dictionary) : tacacsPool(plan, users);
    const cores = availableParallelism();
    const wanted = plan.workers ?? (isLoopback(plan.host) ? Math.max(1, cores - 1) : cores);
    const n = Math.max(1, Math.min(wanted, plan.concurrency, plan.count ?? Infinity));
    this.#startAt = Date.now() + 200 + 50 * n;
    const split = (total: number, i: number) => Math.floor(total / n) + (i < total % n ? 1 : 0);
    let pending = n;
    for (let i = 0; i < n; i++) {
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: {
          pool,
          protocol: plan.protocol,
          op: plan.op,
          mode: plan.connection,
          host: plan.host,
          port: plan.port,
          secret: plan.secret,
          concurrency: split(plan.concurrency, i),
          rate: plan.rate / n,
          count: plan.count ? split(plan.count, i) : 0,
          durationMs: plan.duration * 1000,
          rampMs: plan.rampUp * 1000,
          timeoutMs: plan.timeout * 1000,
          startAt: this.#startAt,
          buckets: BUCKETS,
          kinds: loadErrorKinds,
          variants: VARIANTS,
          entryOffset: Math.floor((pool.entries / n) * i),
          statusOffset: plan.op === 'account' ? 4 : 0,
          passStatuses: PASS_STATUSES[plan.op as keyof typeof PASS_STATUSES] ?? [],
        },
      });
      this.#workers.push(worker);
      worker.on(
        'message',
        (m: { type: string; secs?: WorkerSecond[]; reason?: string; message?: string }) => {
          if (m.type === 'stats') for (const s of m.secs ?? []) this.#merge(s);
          if (m.type === 'error') this.#stoppedBy = 'error';
          if (m.type === 'done' && m.reason === 'count' && this.#stoppedBy === 'duration')
            this.#stoppedBy = 'count';
        },
      );
      worker.once('exit', () => {
        if (--pending === 0) this.#finish();
      });
    }
    const ready = this.#workers.map(
      (w) =>
        new Promise<void>((resolve, reject) => {
          const on = (m: { type: string; message?: string }) => {
            if (m.type === 'ready') resolve();
            if (m.type === 'error') reject(new LabError('unavailable', `load worker: ${m.message}`));
          };
          w.on('message', on);
          w.once('exit', () => resolve());
        }),
    );
    try {
      await Promise.all(ready);
    } catch (e) {
      this.stop();
      throw e;
    }
    this.#timer = setInterval(
      () => this.#emitUpTo(Math.floor((Date.now() - this.#startAt - 300) / 1000) - 1),
      250,
    );
  }

  stop(): void {
    if (this.#stoppedBy === 'duration') this.#stoppedBy = 'stop';
    for (const w of this.#workers) w.postMessage('stop');
  }

  #merge(s: WorkerSecond): void {
    let into = this.#seconds.get(s.sec);
    if (!into) {
      into = {
        sent: 0,
        ok: 0,
        rejects: 0,
        errors: loadErrorKinds.map(() => 0),
        hist: new Uint32Array(BUCKETS),
        max: 0,
      };
      this.#seconds.set(s.sec, into);
    }
    into.sent += s.sent;
    into.ok += s.ok;
    into.rejects += s.rejects;
    s.errors.forEach((e, i) => (into.errors[i]! += e));
    addInto(into.hist, s.hist);
    into.max = Math.max(into.max, s.max);
  }

  #emitUpTo(last: number): void {
    for (let sec = this.#emitted + 1; sec <= last; sec++) {
      const s = this.#seconds.get(sec);
      const tick: LoadTick = {
        second: sec,
        sent: s?.sent ?? 0,
        ok: s?.ok ?? 0,
        errors: s ? errorRecord(s.errors) : {},
        p50Ms: s ? percentileMs(s.hist, 0.5) : 0,
        p90Ms: s ? percentileMs(s.hist, 0.9) : 0,
        p99Ms: s ? percentileMs(s.hist, 0.99) : 0,
        maxMs: s?.max ?? 0,
      };
      this.ticks.push(tick);
      this.opts.onTick?.(tick);
      this.#emitted = sec;
    }
  }

  #finish(): void {
    clearInterval(this.#timer);
    const secs = [...this.#seconds.keys()];
    this.#emitUpTo(secs.length ? Math.max(...secs) : -1);
    const all = new Uint32Array(BUCKETS);
    const errors = loadErrorKinds.map(() => 0);
    let ok = 0;
    let rejects = 0;
    let max = 0;
    for (const s of this.#seconds.values()) {
      addInto(all, s.hist);
      s.errors.forEach((e, i) => (errors[i]! += e));
      ok += s.ok;
      rejects += s.rejects;
      max = Math.max(max, s.max);
    }
    const errorCount = errors.reduce((a, b) => a + b, 0);
    const seconds = Math.max(0.001, (Date.now() - this.#startAt) / 1000);
    const total = ok + errorCount;
    this.#resolve({
      total,
      ok,
      expectedRejects: rejects,
      errors: errorRecord(errors),
      errorCount,
      seconds,
      rate: total / seconds,
      p50Ms: percentileMs(all, 0.5),
      p90Ms: percentileMs(all, 0.9),
      p99Ms: percentileMs(all, 0.99),
      maxMs: max,
      workers: this.#workers.length,
      stoppedBy: this.#stoppedBy,
    });
  }
}

function errorRecord(counts: number[]): Record<string, number> {
  return Object.fromEntries(loadErrorKinds.flatMap((k, i) => (counts[i] ? [[k, counts[i]]] : [])));
}

/** Per-second figures as CSV (one row per second). */
export function ticksCsv(ticks: readonly LoadTick[]): string {
  const head = ['second', 'sent', 'ok', 'errors', ...loadErrorKinds, 'p50_ms', 'p90_ms', 'p99_ms', 'max_ms'];
  const rows = ticks.map((t) => {
    const errs = loadErrorKinds.map((k) => t.errors[k] ?? 0);
    const f = (n: number) => n.toFixed(3);
    return [
      t.second,
      t.sent,
      t.ok,
      errs.reduce((a, b) => a + b, 0),
      ...errs,
      f(t.p50Ms),
      f(t.p90Ms),
      f(t.p99Ms),
      f(t.maxMs),
    ].join(',');
  });
  return [head.join(','), ...rows].join('\n') + '\n';
}
