import { useEffect, useId, useState } from 'react';
import { useApp } from '../store';

/**
 * A screen's request/response data, held in the store's query slice (store/query-slice.ts): this
 * hook only selects it and asks for it. Fetches when `fetcher` changes (keep it stable with
 * useCallback), on `reload()` and when an engine event invalidates the query. With a `key`
 * (procedure name, then its input) the answer is shared and invalidated by the events that change
 * that procedure's data; without one it is the component's own and dropped when it unmounts.
 */
export function useQuery<T>(
  fetcher: () => Promise<T>,
  key?: string,
): { data?: T; error?: string; reload: () => void } {
  const own = useId();
  const k = key ?? `own:${own}`;
  const entry = useApp((s) => s.queries[k]);
  const fetchQuery = useApp((s) => s.fetchQuery);
  const dropQuery = useApp((s) => s.dropQuery);
  const [nonce, setNonce] = useState(0);
  const stale = entry?.stale ?? 0;
  useEffect(() => {
    void fetchQuery(k, fetcher);
  }, [fetchQuery, k, fetcher, nonce, stale]);
  useEffect(() => (key === undefined ? () => dropQuery(k) : undefined), [dropQuery, key, k]);
  return { data: entry?.data as T | undefined, error: entry?.error, reload: () => setNonce((n) => n + 1) };
}
