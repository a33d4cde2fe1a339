import type { StatsTick } from '../../../../contract';

export interface ChartPoint {
  at: number;
  label: string;
  tacacs: number;
  radius: number;
  pass: number;
  fail: number;
  tacacsP50: number;
  tacacsP99: number;
  radiusP50: number;
  radiusP99: number;
}

function clock(at: number): string {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}:${String(d.getSeconds()).padStart(2, '0')}`;
}

export function toChartPoints(ticks: readonly StatsTick[]): ChartPoint[] {
  return ticks.map((t) => ({
    at: t.at,
    label: clock(t.at),
    tacacs: t.tacacs.requests,
    radius: t.radius.requests,
    pass: t.tacacs.pass + t.radius.pass,
    fail: t.tacacs.fail + t.radius.fail,
    tacacsP50: t.tacacs.p50Ms,
    tacacsP99: t.tacacs.p99Ms,
    radiusP50: t.radius.p50Ms,
    radiusP99: t.radius.p99Ms,
  }));
}

export interface Totals {
  requests: number;
  pass: number;
  fail: number;
  /** Pass share of decided requests over the window, or undefined when none. */
  successRate?: number;
  lastRate: number;
}

export function totals(ticks: readonly StatsTick[]): Totals {
  let requests = 0;
  let pass = 0;
  let fail = 0;
  for (const t of ticks) {
    requests += t.tacacs.requests + t.radius.requests;
    pass += t.tacacs.pass + t.radius.pass;
    fail += t.tacacs.fail + t.radius.fail;
  }
  const last = ticks[ticks.length - 1];
  return {
    requests,
    pass,
    fail,
    successRate: pass + fail > 0 ? pass / (pass + fail) : undefined,
    lastRate: last ? last.tacacs.requests + last.radius.requests : 0,
  };
}
