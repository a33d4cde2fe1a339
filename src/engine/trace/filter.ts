import { compileFilter as compileDisplayFilter, DisplayFilterError } from '../../contract/display-filter';
import { LabError } from '../../contract/envelope';
import type { TraceFilter, TraceRow } from '../../contract/trace';
import type { TraceColumns } from './columns';
import type { FieldNode } from '../packet-view';

/** The packet fields of a record by lower-case name, for display filters such as radius.Class. */
export type PacketFields = (slot: number) => ReadonlyMap<string, string[]>;

/**
 * One predicate over ring slots for a trace filter: the list fields straight from the columns, and
 * the display filter (`expr`) on the row, reading the record's dissected fields only when the
 * filter names one (they cost a dissection).
 */
export function compileTraceFilter(
  f: TraceFilter,
  c: TraceColumns,
  fields: PacketFields,
): (slot: number) => boolean {
  const text = f.text?.toLowerCase();
  const expr = f.expr?.trim() ? displayFilter(f.expr) : undefined;
  return (s) => {
    const result = c.result(s);
    const user = c.user(s);
    const diagnosis = c.diagnosis(s);
    const t = c.time(s);
    const listed =
      (!f.protocol?.length || f.protocol.includes(c.protocol(s))) &&
      (!f.role?.length || f.role.includes(c.role(s))) &&
      (!f.device || c.device(s) === f.device) &&
      (!f.user || user === f.user) &&
      (!f.result?.length || (result !== undefined && f.result.includes(result))) &&
      (!f.sessionId || c.session(s) === f.sessionId) &&
      (f.fromUs === undefined || t >= f.fromUs) &&
      (f.toUs === undefined || t <= f.toUs) &&
      (!text ||
        c.summary(s).toLowerCase().includes(text) ||
        (diagnosis?.toLowerCase().includes(text) ?? false) ||
        c.remoteAddress(s).includes(text) ||
        (user?.toLowerCase().includes(text) ?? false));
    if (!listed || !expr) return listed;
    const row: TraceRow = c.row(s);
    return expr.test({
      row,
      field: expr.needsRecord ? (name) => fields(s).get(name.toLowerCase()) : undefined,
    });
  };
}

function displayFilter(src: string) {
  try {
    return compileDisplayFilter(src);
  } catch (e) {
    if (!(e instanceof DisplayFilterError)) throw e;
    const message = `display filter, column ${e.at + 1}: ${e.message}`;
    throw new LabError('invalid_input', message, [{ path: 'expr', message }]);
  }
}

/**
 * A dissection's fields by name: "Acct-Session-Id (44)" → acct-session-id, and the key of an
 * attribute-value pair ("cmd=show") → cmd, so TACACS+ arguments filter like attributes.
 */
export function fieldIndex(tree: readonly FieldNode[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, value: string) => {
    const key = name.trim().toLowerCase();
    if (!key) return;
    const list = out.get(key);
    if (list) list.push(value);
    else out.set(key, [value]);
  };
  const walk = (nodes: readonly FieldNode[]) => {
    for (const n of nodes) {
      if (n.value !== undefined) {
        const value = unquote(n.value);
        add(n.label.replace(/\s*\(\d+\)$/, ''), value);
        const av = /^([A-Za-z][\w-]*)[=*](.*)$/.exec(value);
        if (av) add(av[1]!, av[2]!);
      }
      if (n.children) walk(n.children);
    }
  };
  walk(tree);
  return out;
}

/** TACACS+ text fields are shown quoted ("\"bob\""); a filter compares what is inside. */
function unquote(v: string): string {
  if (v.length < 2 || !v.startsWith('"') || !v.endsWith('"')) return v;
  try {
    return String(JSON.parse(v));
  } catch {
    return v.slice(1, -1);
  }
}
