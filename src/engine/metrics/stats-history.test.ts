import { describe, expect, it } from 'vitest';
import type { StatsTick } from '../../contract/stats';
import { StatsHistory } from './stats-history';

const tick = (at: number): StatsTick => ({
  at,
  tacacs: null,
  radiusAuth: null,
  radiusAcct: null,
  coa: null,
  dropped: 0,
  activeConnections: 0,
});
const ats = (ticks: StatsTick[]) => ticks.map((t) => t.at);

describe('stats history', () => {
  it('keeps ticks oldest first and answers what came after a second', () => {
    const h = new StatsHistory(60);
    for (const at of [1000, 2000, 3000, 5000]) h.push(tick(at));
    expect(ats(h.since())).toEqual([1000, 2000, 3000, 5000]);
    expect(ats(h.since(2000))).toEqual([3000, 5000]);
    expect(ats(h.since(4000))).toEqual([5000]);
    expect(h.since(5000)).toEqual([]);
  });

  it('holds at most its window of seconds, by count and by time', () => {
    const h = new StatsHistory(3600);
    for (let s = 0; s < 5000; s++) h.push(tick(s * 1000));
    expect(h.size).toBe(3600);
    expect(h.since()[0]!.at).toBe(1400 * 1000);
    // A tick an hour and more after the newest drops everything older than the window.
    h.push(tick(9_000_000));
    expect(ats(h.since())).toEqual([9_000_000]);
  });

  it('leaves absent seconds absent (a gap, not an invented zero)', () => {
    const h = new StatsHistory(60);
    h.push(tick(1000));
    h.push(tick(10_000));
    expect(ats(h.since())).toEqual([1000, 10_000]);
  });

  it('stays ordered when the same second closes twice or the wall clock goes back', () => {
    const h = new StatsHistory(60);
    for (const at of [1000, 2000, 3000]) h.push(tick(at));
    h.push({ ...tick(3000), dropped: 7 });
    expect(ats(h.since())).toEqual([1000, 2000, 3000]);
    expect(h.since().at(-1)!.dropped).toBe(7);
    h.push(tick(2000));
    expect(ats(h.since())).toEqual([1000, 2000]);
  });
});
