import { useState } from 'react';
import { LabError, type ContractIssue } from '../../../../contract';
import { errorMessage } from '../../lib/format';

export interface EditState {
  busy: boolean;
  /** The failure, when the last save failed. */
  error?: string;
  issues: ContractIssue[];
  /** What the last save did, for the "Saved" line. */
  done?: string;
  /** The engine's message for one field (`match`, `commands[1]`), if any. */
  fieldError(path: string): string | undefined;
  /** Issues no field of the form shows (problems elsewhere in the lab file). */
  otherIssues(shown: readonly string[]): ContractIssue[];
  run(action: () => Promise<unknown>, done: string): Promise<boolean>;
  reset(): void;
}

/** Saving an editor through a lab-changing procedure: busy, errors by field, and what happened. */
export function useEdit(): EditState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [issues, setIssues] = useState<ContractIssue[]>([]);
  const [done, setDone] = useState<string>();
  return {
    busy,
    error,
    issues,
    done,
    fieldError: (path) => issues.find((i) => i.path === path)?.message,
    otherIssues: (shown) => issues.filter((i) => !shown.includes(i.path)),
    reset: () => {
      setError(undefined);
      setIssues([]);
      setDone(undefined);
    },
    run: async (action, what) => {
      setBusy(true);
      setDone(undefined);
      try {
        await action();
        setError(undefined);
        setIssues([]);
        setDone(what);
        return true;
      } catch (err) {
        setError(errorMessage(err));
        setIssues(err instanceof LabError ? err.issues : []);
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
