import { describe, expect, it } from 'vitest';
import type { ProtocolSecond, StatsTick } from '../../../../contract';
import { clock, isLone, protocolSeries, slots, stepSeconds, totals, windowOf } from './chart-data';

const second = (
  pass: number,
  fail: number,
  p50: number | null = 1,
  p99: number | null = 4,
): ProtocolSecond => ({
  requests: pass + fail,
  pass,
  fail,
  p50Ms: p50,
  p99Ms: p99,
});
const tick = (at: number, over: Partial<StatsTick> = {}): StatsTick => ({
  at,
  tacacs: null,
  radiusAuth: null,
  radiusAcct: null,
  coa: null,
  dropped: 0,
  activeConnections: 0,
  ...over,
});

describe('dashboard chart data', () => {
  it('draws one point a second over five minutes, with a gap (null) where the engine has no tick', () => {
    const ticks = [
      tick(1_000_000, { tacacs: second(3, 1) }),
      tick(1_002_000, { tacacs: second(0, 0, null, null) }),
    ];
    const points = protocolSeries(slots(ticks, 300), 'tacacs');
    expect(points).toHaveLength(300);
    expect(points.at(-1)).toEqual({
      at: 1_002_000,
      pass: 0,
      fail: 0,
      other: 0,
      total: 0,
      p50: null,
      p99: null,
    });
    // The second between the two ticks has no data: a gap, not a zero.
    expect(points.at(-2)).toMatchObject({ at: 1_001_000, pass: null, fail: null, p99: null });
    expect(points.at(-3)).toMatchObject({
      at: 1_000_000,
      pass: 3,
      fail: 1,
      other: 0,
      total: 4,
      p50: 1,
      p99: 4,
    });
    expect(points[0]!.pass).toBeNull();
  });

  it('tells a stopped protocol (null, a gap) from a quiet running one (a real 0)', () => {
    const ticks = [tick(5000, { radiusAuth: second(0, 0, null, null) })];
    const [auth] = protocolSeries(slots(ticks, 300), 'radiusAuth').slice(-1);
    const [coa] = protocolSeries(slots(ticks, 300), 'coa').slice(-1);
    expect(auth).toMatchObject({ pass: 0, fail: 0, other: 0, p50: null });
    expect(coa).toMatchObject({ pass: null, fail: null, other: null, total: null, p50: null });
  });

  it('counts replies that are neither pass nor fail as other', () => {
    const acct = { requests: 5, pass: 0, fail: 1, p50Ms: 0.2, p99Ms: 0.9 };
    const [p] = protocolSeries(slots([tick(1000, { radiusAcct: acct })], 300), 'radiusAcct').slice(-1);
    expect(p).toMatchObject({ pass: 0, fail: 1, other: 4, total: 5 });
  });

  it('keeps an hour to 300 points: rates averaged over seconds with data, p99 the worst second', () => {
    expect([stepSeconds(300), stepSeconds(900), stepSeconds(3600)]).toEqual([1, 3, 12]);
    const ticks = [
      tick(120_000, { tacacs: second(10, 2, 1, 5) }),
      tick(121_000, { tacacs: second(20, 0, 3, 40) }),
      tick(122_000, { tacacs: null }),
      tick(131_000, { tacacs: second(0, 0, null, null) }),
    ];
    const points = protocolSeries(slots(ticks, 3600), 'tacacs');
    expect(points).toHaveLength(300);
    expect(points.at(-1)).toEqual({
      at: 120_000,
      pass: 10,
      fail: 0.67,
      other: 0,
      total: 10.67,
      p50: 2,
      p99: 40,
    });
  });

  it('sums the window per protocol and overall, with the newest second as the current rate', () => {
    const ticks = [
      tick(1000, { tacacs: second(3, 1), radiusAuth: second(5, 2) }),
      tick(2000, { tacacs: second(0, 0), radiusAuth: second(6, 0) }),
    ];
    const all = totals(ticks, ['tacacs', 'radiusAuth', 'radiusAcct', 'coa']);
    expect(all).toMatchObject({ requests: 17, pass: 14, fail: 3, lastRate: 6 });
    expect(all.successRate).toBeCloseTo(14 / 17);
    expect(totals(ticks, ['coa'])).toEqual({
      requests: 0,
      pass: 0,
      fail: 0,
      successRate: undefined,
      lastRate: undefined,
    });
    expect(totals([], ['tacacs']).successRate).toBeUndefined();
  });

  it('windows the ticks behind the newest second', () => {
    const ticks = [tick(1000), tick(250_000), tick(300_000), tick(301_000)];
    expect(windowOf(ticks, 300).map((t) => t.at)).toEqual([250_000, 300_000, 301_000]);
    expect(clock(new Date(2026, 0, 1, 9, 5, 7).getTime())).toBe('09:05:07');
  });

  it('marks a point between gaps, which no line segment would show', () => {
    const ticks = [
      tick(1000, { coa: second(1, 0, 0.3, 0.3) }),
      tick(2000, { coa: second(0, 0, null, null) }),
    ];
    const points = protocolSeries(slots(ticks, 300), 'coa');
    const i = points.length - 2;
    expect(isLone(points, i, 'p50')).toBe(true);
    expect(isLone(points, i, 'total')).toBe(false);
    expect(isLone(points, i - 1, 'p50')).toBe(false);
  });
});
