import { useEffect, useState } from 'react';
import { errorMessage } from '../lib/format';

/**
 * Fetches once per change of `fetcher` (keep it stable with useCallback) and on `reload()`.
 * Late answers of a superseded fetch are ignored.
 */
export function useQuery<T>(fetcher: () => Promise<T>): { data?: T; error?: string; reload: () => void } {
  const [state, setState] = useState<{ data?: T; error?: string }>({});
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    let live = true;
    fetcher().then(
      (data) => live && setState({ data }),
      (err: unknown) => live && setState((s) => ({ data: s.data, error: errorMessage(err) })),
    );
    return () => {
      live = false;
    };
  }, [fetcher, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}
