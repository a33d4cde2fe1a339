/**
 * prom-client resolves a label set on every inc()/observe() (validate, sort, hash): several
 * microseconds on a path that runs twice per authentication. `labels()` once per label set and
 * metric, then reuse the child. Keyed by metric object so each engine's registry has its own.
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
