import { describe, expect, it } from 'vitest';
import type { StatsTick } from '../../../../contract';
import { toChartPoints, totals } from './chart-data';

const tick = (at: number, tp: number, tf: number, rp: number, rf: number): StatsTick => ({
  at,
  tacacs: { requests: tp + tf, pass: tp, fail: tf, p50Ms: 1, p99Ms: 4 },
  radius: { requests: rp + rf, pass: rp, fail: rf, p50Ms: 2, p99Ms: 8 },
  dropped: 0,
  activeConnections: 1,
});

describe('dashboard data', () => {
  it('sums pass/fail across protocols per second', () => {
    const [p] = toChartPoints([tick(1_000, 3, 1, 5, 2)]);
    expect(p).toMatchObject({ tacacs: 4, radius: 7, pass: 8, fail: 3, radiusP99: 8 });
  });

  it('computes window totals and the success rate', () => {
    const t = totals([tick(1_000, 3, 1, 0, 0), tick(2_000, 0, 0, 5, 1)]);
    expect(t).toMatchObject({ requests: 10, pass: 8, fail: 2, lastRate: 6 });
    expect(t.successRate).toBeCloseTo(0.8);
    expect(totals([]).successRate).toBeUndefined();
  });
});
