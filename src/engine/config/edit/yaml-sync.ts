import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';

/**
 * Minimal, comment-preserving updates of a YAML Document: a value that is already there is changed
 * in place (its node, and the comments hanging on it, stay); list items are matched by value, so a
 * rule moved up keeps its comment; only what is new is created.
 */
export type Plain = string | number | boolean | null | Plain[] | { [k: string]: Plain };

/** Sets `key` of `map` to `value` in place where it can; undefined deletes the key. */
export function syncKey(doc: Document, map: YAMLMap, key: string, value: Plain | undefined): void {
  if (value === undefined) {
    map.delete(key);
    return;
  }
  const cur = map.get(key, true) as unknown;
  if (isScalar(cur) && isPrimitive(value)) {
    if (cur.value !== value) {
      cur.value = value;
      // A quoted "15" turned into the number 15 must not stay quoted (it would read back a string).
      if (typeof value !== 'string') cur.type = undefined;
    }
    return;
  }
  if (isMap(cur) && isRecord(value)) return syncMap(doc, cur, value);
  if (isSeq(cur) && Array.isArray(value)) return syncSeq(doc, cur, value);
  map.set(key, doc.createNode(value));
}

/** Makes `map` hold exactly the keys of `obj`, in place. */
export function syncMap(doc: Document, map: YAMLMap, obj: { [k: string]: Plain }): void {
  for (const pair of [...map.items]) {
    const k = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (!(k in obj)) map.delete(pair.key);
  }
  for (const [k, v] of Object.entries(obj)) syncKey(doc, map, k, v);
}

/** Makes `seq` hold `values` in order, reusing the node of an equal item (its comments move with it). */
export function syncSeq(doc: Document, seq: YAMLSeq, values: Plain[]): void {
  const old = seq.items.map((n) => ({ node: n, key: canonical(toJs(n)), used: false }));
  seq.items = values.map((v) => {
    const key = canonical(v);
    const hit = old.find((o) => !o.used && o.key === key);
    if (hit) {
      hit.used = true;
      return hit.node;
    }
    return doc.createNode(v);
  });
}

/** The top-level list `key`, created (or replacing an empty `key:`) when absent. */
export function topList(doc: Document, key: string): YAMLSeq {
  const cur = doc.get(key, true) as unknown;
  if (isSeq(cur)) return cur;
  const seq = doc.createNode([]) as YAMLSeq;
  doc.set(key, seq);
  return seq;
}

/** Index of the map item of `seq` whose `field` is `value`, or -1. */
export function findItem(seq: YAMLSeq | undefined, field: string, value: string): number {
  if (!seq) return -1;
  return seq.items.findIndex((n) => isMap(n) && toJs(n.get(field, true)) === value);
}

export function toJs(n: unknown): unknown {
  if (n && typeof n === 'object' && 'toJSON' in n && typeof (n as Node).toJSON === 'function')
    return (n as Node).toJSON();
  return n;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    isRecord(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x,
  );
}

function isPrimitive(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isRecord(v: unknown): v is { [k: string]: Plain } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
