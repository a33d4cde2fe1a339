/**
 * A metric's child for a label set, resolved once: `labels()` validates the values and builds a
 * key from them (prom-client's also hashes on every inc()/observe(); see fast-metrics.ts), which
 * the per-packet paths should not pay. The caller names the label set by a cheap key (a constant
 * string or a number); children are kept per metric object, so each engine's registry has its own.
 */
const children = new WeakMap<object, Map<string | number, unknown>>();

export function child<L extends Record<string, string>, C>(
  metric: { labels(values: L): C },
  key: string | number,
  values: L,
): C {
  let byKey = children.get(metric);
  if (!byKey) children.set(metric, (byKey = new Map()));
  let c = byKey.get(key) as C | undefined;
  if (c === undefined) byKey.set(key, (c = metric.labels(values)));
  return c;
}
