import { compileFilter, type CompiledFilter } from '../../../contract/display-filter';
import type { TraceFilter, TraceRow } from '../../../contract/trace';

let cached: { src: string; filter: CompiledFilter | undefined } | undefined;
/** The filter's display expression compiled once per text; undefined when empty or invalid. */
export function compiledExpr(src: string | undefined): CompiledFilter | undefined {
  const text = src?.trim() ?? '';
  if (!text) return undefined;
  if (cached?.src !== text) {
    let filter: CompiledFilter | undefined;
    try {
      filter = compileFilter(text);
    } catch {
      filter = undefined;
    }
    cached = { src: text, filter };
  }
  return cached.filter;
}

/** True when the display filter reads packet fields: live rows cannot be matched here. */
export function filterNeedsEngine(f: TraceFilter): boolean {
  return compiledExpr(f.expr)?.needsRecord ?? false;
}

/**
 * Client-side twin of the engine's trace filter, applied to rows that arrive live
 * ('trace.appended') so the list shows what a fresh `trace.list` with the same filter would.
 * device, user and session compare whole values (case-insensitive); text is a substring search.
 */
export function matchesTraceFilter(row: TraceRow, f: TraceFilter): boolean {
  if (f.protocol?.length && !f.protocol.includes(row.protocol)) return false;
  if (f.role?.length && !f.role.includes(row.role)) return false;
  if (f.result?.length && (row.result === undefined || !f.result.includes(row.result))) return false;
  if (f.device && !sameText(row.device, f.device)) return false;
  if (f.user && !sameText(row.user, f.user)) return false;
  if (f.sessionId && !sameText(row.sessionId, f.sessionId)) return false;
  if (f.fromUs !== undefined && row.timeUs < f.fromUs) return false;
  if (f.toUs !== undefined && row.timeUs > f.toUs) return false;
  const expr = compiledExpr(f.expr);
  if (expr && !expr.needsRecord && !expr.test({ row })) return false;
  if (f.text) {
    const needle = f.text.toLowerCase();
    const haystack = [
      row.summary,
      row.device,
      row.user,
      row.sessionId,
      row.diagnosis,
      `${row.remote.address}:${row.remote.port}`,
      `${row.local.address}:${row.local.port}`,
    ];
    if (!haystack.some((h) => h?.toLowerCase().includes(needle))) return false;
  }
  return true;
}

function sameText(value: string | undefined, wanted: string): boolean {
  return value !== undefined && value.toLowerCase() === wanted.trim().toLowerCase();
}

/** Drops empty members so the filter sent to the engine only names what the user set. */
export function compactFilter(f: TraceFilter): TraceFilter {
  const out: TraceFilter = {};
  if (f.protocol?.length) out.protocol = f.protocol;
  if (f.role?.length) out.role = f.role;
  if (f.result?.length) out.result = f.result;
  if (f.device?.trim()) out.device = f.device.trim();
  if (f.user?.trim()) out.user = f.user.trim();
  if (f.text?.trim()) out.text = f.text.trim();
  if (f.sessionId?.trim()) out.sessionId = f.sessionId.trim();
  if (f.expr?.trim()) out.expr = f.expr.trim();
  if (f.fromUs !== undefined) out.fromUs = f.fromUs;
  if (f.toUs !== undefined) out.toUs = f.toUs;
  return out;
}

/**
 * Merges two id-sorted (ascending) row lists, dropping duplicate ids (a live batch can overlap the
 * answer of a `trace.list` that was in flight), and keeps at most `cap` newest rows.
 */
export function mergeRows(a: readonly TraceRow[], b: readonly TraceRow[], cap: number): TraceRow[] {
  const out: TraceRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    let next: TraceRow;
    if (x && (!y || x.id <= y.id)) {
      next = x;
      i++;
      if (y && y.id === x.id) j++;
    } else {
      next = y as TraceRow;
      j++;
    }
    const last = out[out.length - 1];
    if (!last || last.id !== next.id) out.push(next);
  }
  return out.length > cap ? out.slice(out.length - cap) : out;
}
