/**
 * The tab a key moves to in a WAI-ARIA tab list of `count` tabs from `at`: Left/Right to the
 * previous/next (wrapping), Home/End to the first/last; undefined for any other key.
 */
export function tabKey(key: string, at: number, count: number): number | undefined {
  if (count === 0) return undefined;
  if (key === 'ArrowRight') return (at + 1) % count;
  if (key === 'ArrowLeft') return (at - 1 + count) % count;
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return undefined;
}
