import type { TraceRow } from '../../../../contract';

/**
 * Decrypted inner records (PEAP/TTLS) belong under their outer packet: the list leaves out those
 * whose outer packet it shows (the packet's "Decrypted inner exchange" has them) and counts them
 * per outer packet. An inner record whose outer packet is filtered out stays, so a search finds it.
 */
export function nestInner(rows: readonly TraceRow[]): {
  shownRows: readonly TraceRow[];
  innerOf: ReadonlyMap<number, number>;
} {
  const innerOf = new Map<number, number>();
  if (!rows.some((r) => r.parent !== undefined)) return { shownRows: rows, innerOf };
  const ids = new Set(rows.map((r) => r.id));
  const shownRows = rows.filter((r) => {
    if (r.parent === undefined || !ids.has(r.parent)) return true;
    innerOf.set(r.parent, (innerOf.get(r.parent) ?? 0) + 1);
    return false;
  });
  return { shownRows, innerOf };
}
