import type { StatsTick } from '../../contract/events';
import { LatencyHistogram } from './latency-histogram';
import type { TraceInput } from '../trace/types';

interface Bucket {
  requests: number;
  pass: number;
  fail: number;
  latency: LatencyHistogram;
}

const empty = (): Bucket => ({ requests: 0, pass: 0, fail: 0, latency: new LatencyHistogram() });

/**
 * Per-second aggregates for the dashboard, derived from the server's replies in the trace: every
 * reply the lab sends is one answered request, its result is pass/fail and its latency is known.
 */
export class StatsAggregator {
  #tacacs = empty();
  #radius = empty();
  #dropped = 0;
  readonly #timer: NodeJS.Timeout;

  constructor(emit: (tick: StatsTick) => void, activeConnections: () => Promise<number>) {
    this.#timer = setInterval(() => {
      const at = Math.floor(Date.now() / 1000) * 1000 - 1000;
      const tick = {
        at,
        tacacs: summarise(this.#tacacs),
        radius: summarise(this.#radius),
        dropped: this.#dropped,
      };
      this.#tacacs = empty();
      this.#radius = empty();
      this.#dropped = 0;
      void activeConnections()
        .catch(() => 0)
        .then((activeConnections) => emit({ ...tick, activeConnections }));
    }, 1000);
    this.#timer.unref();
  }

  observe(input: TraceInput, latencyUs?: number): void {
    if (input.role !== 'server') return;
    if (input.direction === 'in') {
      if (input.result === 'drop') this.#dropped++;
      return;
    }
    const b = input.protocol === 'tacacs' ? this.#tacacs : this.#radius;
    b.requests++;
    if (input.result === 'pass') b.pass++;
    else if (input.result === 'fail' || input.result === 'error') b.fail++;
    if (latencyUs !== undefined) b.latency.observe(latencyUs);
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}

function summarise(b: Bucket): StatsTick['tacacs'] {
  const q = (p: number) => b.latency.quantile(p) / 1000;
  return { requests: b.requests, pass: b.pass, fail: b.fail, p50Ms: round(q(0.5)), p99Ms: round(q(0.99)) };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
