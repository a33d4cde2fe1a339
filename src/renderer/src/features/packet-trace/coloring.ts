import type { TraceRow } from '../../../../contract';
import { compiledExpr } from '../../lib/trace-rows';

export const TONES = ['red', 'amber', 'green', 'blue', 'grey'] as const;
export type Tone = (typeof TONES)[number];

export interface ColourRule {
  expr: string;
  tone: Tone;
}

/** As a packet analyser colours by default: failures red, drops amber, repeats grey. */
export const DEFAULT_RULES: readonly ColourRule[] = [
  { expr: 'result == fail || result == error', tone: 'red' },
  { expr: 'result == drop', tone: 'amber' },
  { expr: 'dup || retx', tone: 'grey' },
];

export const isRules = (v: unknown): v is ColourRule[] =>
  Array.isArray(v) &&
  v.every(
    (r) => typeof (r as ColourRule)?.expr === 'string' && TONES.includes((r as ColourRule).tone as Tone),
  );

/** The tone of the first rule the row matches; rules that read packet fields never match here. */
export function rowTone(row: TraceRow, rules: readonly ColourRule[]): Tone | undefined {
  for (const r of rules) {
    const f = compiledExpr(r.expr);
    if (f && !f.needsRecord && f.test({ row })) return r.tone;
  }
  return undefined;
}
