import { BoundedMemo } from '../bounded';
import type { TraceDecision } from './types';

/**
 * The trace sink's shared copies of what repeats across records ("Authen START PAP alice", the
 * decision steps "user alice", "group netops"). Every record in a 100k ring otherwise holds its own
 * concatenation (a flat copy plus cons-string nodes), which is most of a record's heap and what
 * the garbage collector copies and marks. Only TraceColumns.put and the trace's own formatters
 * (summary-text.ts) call these: senders hand the sink plain strings and decisions. Bounded: each
 * table restarts when it fills.
 */
const MAX = 4096;
const table = new BoundedMemo<string, string>(MAX);
const itself = (s: string): string => s;

export function intern(s: string): string {
  return table.fetch(s, itself);
}

const decisions = new BoundedMemo<string, TraceDecision>(MAX);
/** Interned decisions by the frozen reasons array they were made from (the policy's cached ones). */
const byArray = new WeakMap<readonly string[], TraceDecision>();

/**
 * One shared copy of a decision's trace fields: the same login from the same device repeats the
 * same reasons, and a fresh array of fresh strings per packet was most of what a RADIUS trace
 * record kept alive. The copy is new (`d`, often the policy's own Decision, is never kept or
 * changed); it is typed read-only rather than frozen.
 */
export function internDecision(d: TraceDecision): TraceDecision {
  const { allow, reasons } = d;
  // A frozen reasons array (the policy's cached decisions) cannot change: it is its own key, with
  // no join and no hashing. A mutable one is keyed by its content.
  const frozen = Object.isFrozen(reasons);
  if (frozen) {
    const same = byArray.get(reasons);
    if (same?.allow === allow) return same;
  }
  const key = `${allow ? 1 : 0}${reasons.join('\n')}`;
  let shared = decisions.get(key);
  if (!shared) shared = decisions.set(key, { allow, reasons: reasons.map(intern) });
  if (frozen) byArray.set(reasons, shared);
  return shared;
}
