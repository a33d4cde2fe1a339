/**
 * The row a key moves the selection to, as in a packet analyser's list: arrows by one, PgUp/PgDn
 * by a screenful, Home/End to the ends. `index` -1 means nothing is selected yet. Returns
 * undefined for keys the list does not handle.
 */
export function rowForKey(key: string, index: number, count: number, pageRows: number): number | undefined {
  if (count === 0) return undefined;
  const last = count - 1;
  const from = index < 0 ? last : index;
  const page = Math.max(1, pageRows - 1);
  switch (key) {
    case 'ArrowDown':
      return index < 0 ? last : Math.min(last, from + 1);
    case 'ArrowUp':
      return Math.max(0, from - 1);
    case 'PageDown':
      return Math.min(last, from + page);
    case 'PageUp':
      return Math.max(0, from - page);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return undefined;
  }
}
