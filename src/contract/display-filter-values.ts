import { DisplayFilterError } from './display-filter-lexer';
import type { ValueRef } from './display-filter-parser';

/** An integer written as 0x… hex or decimal (session ids, attribute codes), else undefined. */
export function integerOf(text: string): number | undefined {
  const t = text.trim();
  if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t.slice(2), 16);
  if (/^\d+$/.test(t)) return Number(t);
  return undefined;
}

export function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const hex = integerOf(t);
  if (hex !== undefined) return hex;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

const LATENCY_UNITS: Record<string, number> = { us: 1, µs: 1, ms: 1000, s: 1_000_000, '': 1000 };

/** "5ms", "250us", "1.5s", "3" (ms) → µs. */
export function latencyOf(v: ValueRef): number {
  const m = /^(\d+(?:\.\d+)?)\s*(us|µs|ms|s|)$/i.exec(v.text.trim());
  if (!m)
    throw new DisplayFilterError(`expected a latency such as 5ms, 250us or 1s, found "${v.text}"`, v.at);
  return Number(m[1]) * LATENCY_UNITS[m[2]!.toLowerCase()]!;
}

export interface TimeValue {
  /** µs since the epoch, or µs since local midnight when `ofDay`. */
  us: number;
  ofDay: boolean;
}

/** "12:04", "12:04:05.250" (local time of day) or an ISO 8601 date-time. */
export function timeOf(v: ValueRef): TimeValue {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/.exec(v.text.trim());
  if (m) {
    const [, h, min, s = '0', frac = ''] = m;
    const us = ((Number(h) * 60 + Number(min)) * 60 + Number(s)) * 1e6 + Number(frac.padEnd(6, '0'));
    return { us, ofDay: true };
  }
  const ms = Date.parse(v.text);
  if (Number.isNaN(ms))
    throw new DisplayFilterError(
      `expected a time such as 12:04:05 or 2026-12-07T12:04:05Z, found "${v.text}"`,
      v.at,
      v.text.length,
    );
  return { us: ms * 1000, ofDay: false };
}

/** µs since local midnight of a time in µs since the epoch. */
export function timeOfDayUs(timeUs: number): number {
  const d = new Date(Math.floor(timeUs / 1000));
  return ((d.getHours() * 60 + d.getMinutes()) * 60 + d.getSeconds()) * 1e6 + (timeUs % 1_000_000);
}

export function regexOf(v: ValueRef): RegExp {
  try {
    return new RegExp(v.text, 'i');
  } catch (e) {
    throw new DisplayFilterError(
      `not a valid regular expression: ${(e as Error).message}`,
      v.at,
      Math.max(1, v.text.length),
    );
  }
}
