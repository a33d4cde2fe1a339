import type { TraceRow } from './trace';
import { resolveField, type ResolvedField } from './display-filter-fields';
import { DisplayFilterError, type Operator } from './display-filter-lexer';
import { parseFilter, type FilterNode, type ValueRef } from './display-filter-parser';
import { integerOf, latencyOf, numberOf, regexOf, timeOf, timeOfDayUs } from './display-filter-values';

/** What a filter looks at: the row, and the packet's own fields where the evaluator has them. */
export interface FilterSubject {
  row: TraceRow;
  /** Values of the packet field `name` (a RADIUS attribute…); undefined when not available. */
  field?(name: string): string[] | undefined;
}

export interface CompiledFilter {
  test(subject: FilterSubject): boolean;
  /** True when the filter reads packet fields, which only the engine (holding the bytes) has. */
  needsRecord: boolean;
}

type Test = (s: FilterSubject) => boolean;
type Match = (value: string) => boolean;

/** Parses and checks a display filter once; `test` is then cheap per row. */
export function compileFilter(src: string): CompiledFilter {
  let needsRecord = false;
  const build = (n: FilterNode): Test => {
    switch (n.kind) {
      case 'or': {
        const [a, b] = [build(n.left), build(n.right)];
        return (s) => a(s) || b(s);
      }
      case 'and': {
        const [a, b] = [build(n.left), build(n.right)];
        return (s) => a(s) && b(s);
      }
      case 'not': {
        const e = build(n.expr);
        return (s) => !e(s);
      }
      case 'exists':
      case 'compare': {
        const f = resolveField(n.field);
        if (f.kind === 'attribute') needsRecord = true;
        return n.kind === 'exists' ? exists(f) : compare(f, n.op, n.value);
      }
    }
  };
  const test = build(parseFilter(src));
  return { test, needsRecord };
}

function inProtocols(row: TraceRow, protocols: readonly TraceRow['protocol'][] | undefined): boolean {
  return !protocols || protocols.includes(row.protocol);
}

function exists(f: ResolvedField): Test {
  switch (f.kind) {
    case 'protocol':
      return (s) => inProtocols(s.row, f.protocols);
    case 'row':
      return (s) => {
        if (!inProtocols(s.row, f.protocols)) return false;
        const v = f.field.get(s.row);
        return v !== undefined && v !== false && v !== '';
      };
    case 'attribute':
      return (s) => inProtocols(s.row, f.protocols) && (s.field?.(f.name)?.length ?? 0) > 0;
  }
}

function compare(f: ResolvedField, op: Operator, v: ValueRef): Test {
  if (f.kind === 'protocol')
    throw new DisplayFilterError(
      `"${v.text}" is compared with a protocol name; write protocol == ${v.text}, or a field such as radius.User-Name`,
      v.at,
    );
  const match = matcher(f, op, v);
  const positive = op === '!=' || op === '!~' ? negate(match) : match;
  // "!=" and "!~" hold for rows without the field, so `user != bob` keeps the rows with no user.
  const absent = op === '!=' || op === '!~';
  if (f.kind === 'attribute')
    return (s) => {
      if (!inProtocols(s.row, f.protocols)) return absent;
      const values = s.field?.(f.name);
      if (!values?.length) return absent;
      return absent ? values.every(positive) : values.some(positive);
    };
  return (s) => {
    if (!inProtocols(s.row, f.protocols)) return absent;
    const raw = f.field.get(s.row);
    if (raw === undefined) return absent;
    return positive(String(raw));
  };
}

const negate =
  (m: Match): Match =>
  (x) =>
    !m(x);

/** A predicate on the field's value as text (numbers and times arrive as their decimal text). */
function matcher(f: Exclude<ResolvedField, { kind: 'protocol' }>, op: Operator, v: ValueRef): Match {
  const kind = f.kind === 'attribute' ? 'text' : f.field.kind;
  const base = op === '!=' ? '==' : op === '!~' ? '~' : op;
  if (base === '~') {
    const re = regexOf(v);
    return (x) => re.test(x);
  }
  if (base === 'contains') {
    const needle = v.text.toLowerCase();
    return (x) => x.toLowerCase().includes(needle);
  }
  if (kind === 'flag')
    throw new DisplayFilterError(`${fieldName(f)} is a flag: test it alone or with !`, v.at);
  if (kind === 'enum' && f.kind === 'row') {
    const allowed = f.field.values ?? [];
    if (!allowed.includes(v.text.toLowerCase()))
      throw new DisplayFilterError(
        `${fieldName(f)} is one of ${allowed.join(', ')}; found "${v.text}"`,
        v.at,
      );
  }
  const order = ordering(kind, v);
  if (base === '==') return (x) => order(x) === 0;
  const cmp = {
    '>': (d: number) => d > 0,
    '<': (d: number) => d < 0,
    '>=': (d: number) => d >= 0,
    '<=': (d: number) => d <= 0,
  }[base];
  if (kind === 'text' && f.kind === 'row')
    throw new DisplayFilterError(`${fieldName(f)} is text: use ==, !=, ~ or contains`, v.at);
  return (x) => {
    const d = order(x);
    return !Number.isNaN(d) && cmp(d);
  };
}

/** Compares a field's text with the value: negative, 0 or positive, NaN when they do not compare. */
function ordering(kind: string, v: ValueRef): (x: string) => number {
  switch (kind) {
    case 'number': {
      const n = numberOf(v.text);
      if (n === undefined) throw new DisplayFilterError(`expected a number, found "${v.text}"`, v.at);
      return (x) => Number(x) - n;
    }
    case 'latency': {
      const us = latencyOf(v);
      return (x) => Number(x) - us;
    }
    case 'time': {
      const t = timeOf(v);
      return (x) => (t.ofDay ? timeOfDayUs(Number(x)) : Number(x)) - t.us;
    }
    case 'session': {
      const n = integerOf(v.text);
      const text = v.text.toLowerCase();
      return (x) => {
        const m = integerOf(x);
        if (n !== undefined && m !== undefined) return m - n;
        return x.toLowerCase() === text ? 0 : NaN;
      };
    }
    default: {
      // Text and packet fields: numbers compare as numbers ("Acct-Input-Octets > 1000"), else text.
      const n = v.quoted ? undefined : numberOf(v.text);
      const text = v.text.toLowerCase();
      return (x) => {
        const m = n === undefined ? undefined : numberOf(x);
        if (n !== undefined && m !== undefined) return m - n;
        const lx = x.toLowerCase();
        return lx === text ? 0 : lx < text ? -1 : 1;
      };
    }
  }
}

function fieldName(f: Exclude<ResolvedField, { kind: 'protocol' }>): string {
  return f.name;
}
