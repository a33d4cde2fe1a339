import type { StatsProtocol, StatsTick } from '../../../../contract';

/** The time ranges the dashboard offers; the engine keeps the longest. */
export const RANGES = [
  { id: '5m', label: '5 min', seconds: 300 },
  { id: '15m', label: '15 min', seconds: 900 },
  { id: '1h', label: '1 h', seconds: 3600 },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];

/** At most this many points a series, so an hour draws as fast as five minutes. */
const MAX_POINTS = 300;

/**
 * One point of a protocol's charts. null is "no data" and is drawn as a gap: the protocol had no
 * running service (or the engine no tick) for every second of the point, or — for latency — no reply
 * with a known latency. A running service that answered nothing is a real 0 requests/s.
 */
export interface ProtocolPoint {
  at: number;
  pass: number | null;
  fail: number | null;
  /** Replies that are neither pass nor fail (accounting responses, informational replies). */
  other: number | null;
  /** All replies: the outline of the stack, and a visible 0 for a running idle service. */
  total: number | null;
  p50: number | null;
  p99: number | null;
}

/** Seconds per point for a range: 1 s up to five minutes, then coarser so points stay ≤ 300. */
export const stepSeconds = (seconds: number) => Math.max(1, Math.ceil(seconds / MAX_POINTS));

/**
 * The ticks of the `seconds` before the newest, in slots of `stepSeconds`, aligned to multiples of
 * the step so a point keeps its value as time moves on. Absent seconds leave a slot short or empty.
 */
export function slots(ticks: readonly StatsTick[], seconds: number): { at: number; ticks: StatsTick[] }[] {
  const newest = ticks[ticks.length - 1];
  if (!newest) return [];
  const stepMs = stepSeconds(seconds) * 1000;
  const count = Math.ceil(seconds / stepSeconds(seconds));
  const first = Math.floor(newest.at / stepMs) * stepMs - (count - 1) * stepMs;
  const out = Array.from({ length: count }, (_, i) => ({ at: first + i * stepMs, ticks: [] as StatsTick[] }));
  for (let i = ticks.length - 1; i >= 0; i--) {
    const t = ticks[i]!;
    if (t.at < first) break;
    out[Math.floor((t.at - first) / stepMs)]!.ticks.push(t);
  }
  return out;
}

/**
 * A protocol's series over slots: requests/s are averaged over the seconds that had data, p50 is the
 * mean of the seconds' p50s and p99 the worst second's p99 (a slot of 12 s must not hide a spike).
 */
export function protocolSeries(
  slotted: readonly { at: number; ticks: readonly StatsTick[] }[],
  protocol: StatsProtocol,
): ProtocolPoint[] {
  return slotted.map(({ at, ticks }) => {
    let n = 0;
    let pass = 0;
    let fail = 0;
    let requests = 0;
    let p50Sum = 0;
    let p50N = 0;
    let p99: number | null = null;
    for (const t of ticks) {
      const s = t[protocol];
      if (!s) continue;
      n++;
      pass += s.pass;
      fail += s.fail;
      requests += s.requests;
      if (s.p50Ms !== null) {
        p50Sum += s.p50Ms;
        p50N++;
      }
      if (s.p99Ms !== null) p99 = Math.max(p99 ?? 0, s.p99Ms);
    }
    if (n === 0) return { at, pass: null, fail: null, other: null, total: null, p50: null, p99: null };
    const rate = (x: number) => Math.round((x / n) * 100) / 100;
    return {
      at,
      pass: rate(pass),
      fail: rate(fail),
      other: rate(requests - pass - fail),
      total: rate(requests),
      p50: p50N > 0 ? Math.round((p50Sum / p50N) * 1000) / 1000 : null,
      p99,
    };
  });
}

export interface Totals {
  requests: number;
  pass: number;
  fail: number;
  /** Pass share of decided requests over the window, or undefined when none. */
  successRate?: number;
  /** Requests/s in the newest second, over the protocols with data; undefined when none had any. */
  lastRate?: number;
}

/** Sums over the ticks of the window, for one protocol or all of them. */
export function totals(ticks: readonly StatsTick[], protocols: readonly StatsProtocol[]): Totals {
  let requests = 0;
  let pass = 0;
  let fail = 0;
  for (const t of ticks)
    for (const p of protocols) {
      const s = t[p];
      if (!s) continue;
      requests += s.requests;
      pass += s.pass;
      fail += s.fail;
    }
  const last = ticks[ticks.length - 1];
  const lastSeconds = last ? protocols.map((p) => last[p]).filter((s) => s !== null) : [];
  return {
    requests,
    pass,
    fail,
    successRate: pass + fail > 0 ? pass / (pass + fail) : undefined,
    lastRate: lastSeconds.length > 0 ? lastSeconds.reduce((n, s) => n + s.requests, 0) : undefined,
  };
}

/** The ticks of the last `seconds` before the newest. */
export function windowOf(ticks: readonly StatsTick[], seconds: number): readonly StatsTick[] {
  const newest = ticks[ticks.length - 1];
  if (!newest) return ticks;
  const oldest = newest.at - (seconds - 1) * 1000;
  let i = ticks.length;
  while (i > 0 && ticks[i - 1]!.at >= oldest) i--;
  return ticks.slice(i);
}

export function clock(at: number): string {
  const d = new Date(at);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

/** A point whose neighbours are gaps draws no line segment: it gets a dot so it is seen. */
export function isLone(points: readonly ProtocolPoint[], i: number, key: keyof ProtocolPoint): boolean {
  return points[i]?.[key] != null && points[i - 1]?.[key] == null && points[i + 1]?.[key] == null;
}
