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
