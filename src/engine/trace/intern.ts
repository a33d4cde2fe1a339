import type { TraceDecision } from './types';

/**
 * One shared copy of strings that repeat across trace records ("Authen START PAP alice", the
 * decision steps "user alice", "group netops"). Every record in a 100k ring otherwise holds its own
 * concatenation (a flat copy plus cons-string nodes), which is most of a record's heap and what
 * the garbage collector copies and marks. Bounded: the table restarts when it fills.
 */
const table = new Map<string, string>();
const MAX = 4096;

export function intern(s: string): string {
  const hit = table.get(s);
  if (hit !== undefined) return hit;
  if (table.size >= MAX) table.clear();
  table.set(s, s);
  return s;
}

const decisions = new Map<string, TraceDecision>();

/**
 * One shared, frozen copy of a trace decision: the same login from the same device repeats the
 * same reasons, and a fresh array of fresh strings per packet was most of what a RADIUS trace
 * record kept alive. Bounded like `intern`.
 */
export function internDecision(allow: boolean, reasons: readonly string[]): TraceDecision {
  const key = `${allow ? 1 : 0}${reasons.join('\n')}`;
  const hit = decisions.get(key);
  if (hit) return hit;
  if (decisions.size >= MAX) decisions.clear();
  const d = Object.freeze({ allow, reasons: Object.freeze(reasons.map(intern)) as string[] });
  decisions.set(key, d);
  return d;
}
