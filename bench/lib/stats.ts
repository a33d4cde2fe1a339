import { readFileSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Median and percentiles of a sample; benchmarks print these, never assert them. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(
    ([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, v < 100 ? 2 : 0) : v}`,
  );
  console.log(`${name.padEnd(34)} ${parts.join('  ')}`);
}

/**
 * CPU time (µs) of this process's main thread alone, from /proc (Linux; 10 ms ticks, so use it
 * over seconds). process.cpuUsage() also counts V8's GC helpers and worker threads, which run on
 * the other core; the main thread is what answers packets and what saturates first.
 */
export function mainThreadCpuUs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime + stime, at 100 ticks/s
  } catch {
    return NaN;
  }
}

/**
 * Latency samples in chunks of typed arrays: a load generator pushes one per request, and a
 * growing JS array would be copied whole at every doubling and scanned by the generator's own
 * garbage collector, whose pauses then count as server latency.
 */
export class Samples {
  readonly #chunks: Float64Array[] = [];
  #last = new Float64Array(0);
  #n = 0;
  #used = 0;

  push(x: number): void {
    if (this.#used === this.#last.length) {
      this.#last = new Float64Array(1 << 16);
      this.#chunks.push(this.#last);
      this.#used = 0;
    }
    this.#last[this.#used++] = x;
    this.#n++;
  }

  get length(): number {
    return this.#n;
  }

  sorted(): Float64Array {
    const all = new Float64Array(this.#n);
    let at = 0;
    for (const c of this.#chunks) {
      const part = c === this.#last ? c.subarray(0, this.#used) : c;
      all.set(part, at);
      at += part.length;
    }
    return all.sort();
  }
}

/** Heap in use after a full collection (works without --expose-gc: npm run bench may not pass it). */
export function heapAfterGc(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
}
