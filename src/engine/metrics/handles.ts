/**
 * Children of the per-packet metrics, resolved once when the metrics are built: the hot paths read
 * a property (`metrics.radius.auth.accept.inc()`), never validate labels or look a child up per
 * packet. A value outside the known set (a drop reason a later feature adds, an EAP method name)
 * goes through `of()`, which resolves it in the metric's own table of children (the one cache).
 */
export interface Labelled<C> {
  labels(values: Record<string, string>): C;
}

export type Cells<V extends string, C> = Readonly<Record<V, C>> & {
  /** The child for any value of the label (cold: validates and looks up). */
  of(value: string): C;
};

/** The children of a one-label metric for each of `values`. */
export function cells<V extends string, C>(
  metric: Labelled<C>,
  label: string,
  values: readonly V[],
): Cells<V, C> {
  const known: Record<string, C> = {};
  for (const v of values) known[v] = metric.labels({ [label]: v });
  const of = (value: string): C =>
    Object.hasOwn(known, value) ? known[value]! : metric.labels({ [label]: value });
  // A plain literal (not Object.create(null), which V8 keeps as a hash table): fast property reads.
  return { ...known, of } as Cells<V, C>;
}

/** A two-label metric's children: `values[a][b]` for the known pairs, `of(a, b)` for any. */
export function grid<A extends string, B extends string, C>(
  metric: Labelled<C>,
  labels: readonly [string, string],
  as: readonly A[],
  bs: readonly B[],
): Readonly<Record<A, Readonly<Record<B, C>>>> & { of(a: string, b: string): C } {
  const known: Record<string, Record<string, C>> = {};
  for (const a of as) {
    known[a] = {};
    for (const b of bs) known[a][b] = metric.labels({ [labels[0]]: a, [labels[1]]: b });
  }
  // Pairs outside the known ones (EAP method names) are remembered once resolved: labels() builds
  // a key string per call. Bounded by the label values the code can produce.
  const more = new Map<string, Map<string, C>>();
  const of = (a: string, b: string): C => {
    if (Object.hasOwn(known, a) && Object.hasOwn(known[a]!, b)) return known[a]![b]!;
    let byB = more.get(a);
    if (!byB) more.set(a, (byB = new Map()));
    let c = byB.get(b);
    if (c === undefined) byB.set(b, (c = metric.labels({ [labels[0]]: a, [labels[1]]: b })));
    return c;
  };
  return { ...known, of } as never;
}
