/**
 * Collects items pushed in bursts and hands them on in one call at most every `intervalMs`: the
 * first push after a quiet interval goes at once, later ones wait for the interval's end. Under a
 * trace flood the engine sends ten or more batches a second; one store update (one render, one
 * layout of the list) per interval keeps frames short, and a lone packet still shows at once.
 */
export function coalesce<T>(apply: (items: T[]) => void, intervalMs: number) {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  const flush = () => {
    timer = undefined;
    last = Date.now();
    const items = pending;
    pending = [];
    if (items.length > 0) apply(items);
  };
  return {
    push(items: readonly T[]): void {
      for (const x of items) pending.push(x);
      if (timer !== undefined) return;
      const wait = last + intervalMs - Date.now();
      if (wait <= 0) flush();
      else timer = setTimeout(flush, wait);
    },
    /** Drops what is waiting (e.g. the trace was cleared). */
    cancel(): void {
      clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}
