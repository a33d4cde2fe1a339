import { performance } from 'node:perf_hooks';

/** Microseconds since the epoch, monotonic within the process (wall clock can step; this cannot). */
export function nowUs(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}
