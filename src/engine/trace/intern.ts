import { BoundedMemo } from '../bounded';
import type { TraceDecision } from './types';

/**
 * One shared copy of strings that repeat across trace records ("Authen START PAP alice", the
 * decision steps "user alice", "group netops"). Every record in a 100k ring otherwise holds its own
 * concatenation (a flat copy plus cons-string nodes), which is most of a record's heap and what
 * the garbage collector copies and marks. Bounded: the table restarts when it fills.
 */
const MAX = 4096;
const table = new BoundedMemo<string, string>(MAX);
const itself = (s: string): string => s;

export function intern(s: string): string {
  return table.fetch(s, itself);
}

/** Shared "prefix id=N user suffix" summaries: prefix → suffix → user → by identifier. */
const summaries = new Map<string, Map<string, Map<string, string[]>>>();
let summaryCount = 0;

/**
 * `${prefix} id=${id} ${user}${suffix}`, one shared copy per combination: the RADIUS server makes
 * two such summaries per request, and building then interning them meant a concatenation, its
 * flattening and hashing ~30 characters each time. Here it is four lookups by strings whose hashes
 * are cached (constants) or short (the user). Bounded like `intern`.
 */
export function idUserText(prefix: string, id: number, user: string, suffix: string): string {
  let bySuffix = summaries.get(prefix);
  if (!bySuffix) summaries.set(prefix, (bySuffix = new Map()));
  let byUser = bySuffix.get(suffix);
  if (!byUser) bySuffix.set(suffix, (byUser = new Map()));
  let byId = byUser.get(user);
  if (!byId) {
    if (summaryCount >= MAX) {
      summaries.clear();
      summaryCount = 0;
      return idUserText(prefix, id, user, suffix);
    }
    byUser.set(user, (byId = []));
    summaryCount++;
  }
  return (byId[id] ??= intern(`${prefix} id=${id} ${user}${suffix}`));
}

const decisions = new BoundedMemo<string, TraceDecision>(MAX);

/**
 * One shared, frozen copy of a trace decision: the same login from the same device repeats the
 * same reasons, and a fresh array of fresh strings per packet was most of what a RADIUS trace
 * record kept alive. Bounded like `intern`.
 */
export function internDecision(allow: boolean, reasons: readonly string[]): TraceDecision {
  // A frozen reasons array (the policy's cached decisions) is its own key: no join, no hashing.
  const frozen = Object.isFrozen(reasons);
  if (frozen) {
    const same = byArray.get(reasons);
    if (same?.allow === allow) return same;
  }
  const d = internJoined(allow, reasons);
  if (frozen) byArray.set(reasons, d);
  return d;
}

const byArray = new WeakMap<readonly string[], TraceDecision>();

function internJoined(allow: boolean, reasons: readonly string[]): TraceDecision {
  const key = `${allow ? 1 : 0}${reasons.join('\n')}`;
  const hit = decisions.get(key);
  if (hit) return hit;
  return decisions.set(key, Object.freeze({ allow, reasons: Object.freeze(reasons.map(intern)) }));
}
