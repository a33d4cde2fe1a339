import { describe, expect, it } from 'vitest';
import type { StatsTick } from '../../../contract';
import { mergeTicks, STATS_WINDOW } from './stats-slice';

const tick = (at: number, dropped = 0): StatsTick => ({
  at,
  tacacs: null,
  radiusAuth: null,
  radiusAcct: null,
  coa: null,
  dropped,
  activeConnections: 0,
});
const ats = (ticks: StatsTick[]) => ticks.map((t) => t.at);

describe('mergeTicks', () => {
  it('appends a live tick and replaces one for the same second', () => {
    const held = [tick(1000), tick(2000)];
    expect(ats(mergeTicks(held, [tick(3000)]))).toEqual([1000, 2000, 3000]);
    const replaced = mergeTicks(held, [tick(2000, 5)]);
    expect(ats(replaced)).toEqual([1000, 2000]);
    expect(replaced[1]!.dropped).toBe(5);
  });

  it('merges a history under live ticks, ordered, newest copy of a second winning', () => {
    const merged = mergeTicks([tick(5000, 1), tick(6000)], [tick(3000), tick(4000), tick(5000, 2)]);
    expect(ats(merged)).toEqual([3000, 4000, 5000, 6000]);
    expect(merged[2]!.dropped).toBe(2);
  });

  it('keeps one window behind the newest second', () => {
    const hour = Array.from({ length: STATS_WINDOW + 10 }, (_, i) => tick(i * 1000));
    const merged = mergeTicks([], hour);
    expect(merged).toHaveLength(STATS_WINDOW);
    expect(merged[0]!.at).toBe(10_000);
    expect(mergeTicks(merged, [tick((STATS_WINDOW + 100) * 1000)])[0]!.at).toBe(101_000);
  });
});
