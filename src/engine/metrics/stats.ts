import {
  STATS_PROTOCOLS,
  type ProtocolSecond,
  type StatsProtocol,
  type StatsTick,
} from '../../contract/stats';
import type { TraceInput } from '../trace/types';
import { LatencyHistogram } from './latency-histogram';
import { StatsHistory } from './stats-history';
import { statsProtocolOf } from './stats-protocols';

interface Bucket {
  requests: number;
  pass: number;
  fail: number;
  latency: LatencyHistogram;
}

type Buckets = Record<StatsProtocol, Bucket>;

interface Closed {
  buckets: Buckets;
  dropped: number;
  served: ReadonlySet<StatsProtocol>;
}

const emptyBuckets = (): Buckets => ({
  tacacs: { requests: 0, pass: 0, fail: 0, latency: new LatencyHistogram() },
  radiusAuth: { requests: 0, pass: 0, fail: 0, latency: new LatencyHistogram() },
  radiusAcct: { requests: 0, pass: 0, fail: 0, latency: new LatencyHistogram() },
  coa: { requests: 0, pass: 0, fail: 0, latency: new LatencyHistogram() },
});

export interface StatsSources {
  emit(tick: StatsTick): void;
  activeConnections(): Promise<number>;
  /** Protocols with a running service now; the others have no data (null) for a quiet second. */
  served(): ReadonlySet<StatsProtocol>;
}

/**
 * Per-second aggregates for the dashboard, derived from the server's replies in the trace: every
 * reply the lab sends is one answered request, its result is pass/fail and its latency is known.
 * The last hour is kept in `history` so a dashboard opened late has something to show.
 */
export class StatsAggregator {
  readonly history = new StatsHistory();
  #buckets = emptyBuckets();
  #spare = emptyBuckets();
  #dropped = 0;
  #timer?: NodeJS.Timeout;

  constructor(private readonly sources: StatsSources) {}

  /** Closes a second on each wall-clock second boundary. */
  start(): void {
    const next = () => {
      // Aligned to the boundary so each tick covers one calendar second (setInterval drifts).
      this.#timer = setTimeout(fire, 1000 - (Date.now() % 1000) + 2);
      this.#timer.unref();
    };
    const fire = () => {
      const at = Math.floor(Date.now() / 1000) * 1000 - 1000;
      const closed = this.#close();
      void this.sources
        .activeConnections()
        .catch(() => 0)
        .then((n) => this.sources.emit(this.#record(at, closed, n)));
      next();
    };
    next();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }

  observe(input: TraceInput, latencyUs?: number): void {
    if (input.role !== 'server') return;
    if (input.direction === 'in') {
      if (input.result === 'drop') this.#dropped++;
      return;
    }
    const b = this.#buckets[statsProtocolOf(input)];
    b.requests++;
    if (input.result === 'pass') b.pass++;
    else if (input.result === 'fail' || input.result === 'error') b.fail++;
    if (latencyUs !== undefined) b.latency.observe(latencyUs);
  }

  /** Closes the second `at` now (what the timer does each second), records and returns its tick. */
  flush(at: number, activeConnections = 0): StatsTick {
    return this.#record(at, this.#close(), activeConnections);
  }

  #close(): Closed {
    const closed = { buckets: this.#buckets, dropped: this.#dropped, served: this.sources.served() };
    this.#buckets = this.#spare;
    this.#dropped = 0;
    return closed;
  }

  #record(at: number, closed: Closed, activeConnections: number): StatsTick {
    const tick: StatsTick = {
      at,
      tacacs: null,
      radiusAuth: null,
      radiusAcct: null,
      coa: null,
      dropped: closed.dropped,
      activeConnections,
    };
    for (const p of STATS_PROTOCOLS) {
      const b = closed.buckets[p];
      if (b.requests > 0 || closed.served.has(p)) tick[p] = summarise(b);
      b.requests = b.pass = b.fail = 0;
      b.latency.reset();
    }
    this.#spare = closed.buckets;
    this.history.push(tick);
    return tick;
  }
}

function summarise(b: Bucket): ProtocolSecond {
  const empty = b.latency.count === 0;
  const q = (p: number) => (empty ? null : round(b.latency.quantile(p) / 1000));
  return { requests: b.requests, pass: b.pass, fail: b.fail, p50Ms: q(0.5), p99Ms: q(0.99) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
