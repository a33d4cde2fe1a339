import { useState } from 'react';
import { errorMessage } from '../lib/format';

export interface Action {
  busy: boolean;
  /** Why the last run failed; cleared when it runs again. */
  error?: string;
  /** Runs `what`, busy meanwhile; resolves whether it worked (a failure's message goes to `error`). */
  run(what: () => Promise<unknown>): Promise<boolean>;
}

/** A button's request to the engine: busy while it runs, and the failure to show beside it. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  return {
    busy,
    error,
    run: async (what) => {
      setBusy(true);
      setError(undefined);
      try {
        await what();
        return true;
      } catch (err) {
        setError(errorMessage(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
