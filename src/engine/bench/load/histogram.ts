/**
 * Latency histogram with log buckets (4 % wide from 10 µs to beyond 60 s): constant memory per
 * second, mergeable across worker threads, percentiles within a bucket's width.
 */
export const BUCKETS = 420;
const BASE_US = 10;
const GROWTH = Math.log(1.04);

export function bucketOf(us: number): number {
  if (us < BASE_US) return 0;
  return Math.min(BUCKETS - 1, 1 + Math.floor(Math.log(us / BASE_US) / GROWTH));
}

/** Upper edge of a bucket, in ms. */
export function bucketMs(i: number): number {
  return i === 0 ? BASE_US / 1000 : (BASE_US * Math.exp(GROWTH * i)) / 1000;
}

export function percentileMs(h: ArrayLike<number>, q: number): number {
  let total = 0;
  for (let i = 0; i < h.length; i++) total += h[i]!;
  if (total === 0) return 0;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i]!;
    if (seen >= rank) return bucketMs(i);
  }
  return bucketMs(h.length - 1);
}

export function addInto(into: Uint32Array, from: ArrayLike<number>): void {
  for (let i = 0; i < into.length; i++) into[i]! += from[i] ?? 0;
}
