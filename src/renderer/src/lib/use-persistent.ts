import { useCallback, useState } from 'react';

const PREFIX = 'aaa-lab.';

/**
 * A view preference (column set, pane sizes) kept in localStorage under `aaa-lab.<key>`, so the
 * trace looks the same after a reload. Unreadable or mistyped values fall back to `initial`.
 */
export function usePersistent<T>(
  key: string,
  initial: T,
  valid: (v: unknown) => v is T,
): [T, (v: T) => void] {
  const [value, setValue] = useState<T>(() => {
    try {
      const raw = window.localStorage.getItem(PREFIX + key);
      const parsed: unknown = raw === null ? undefined : JSON.parse(raw);
      return valid(parsed) ? parsed : initial;
    } catch {
      return initial;
    }
  });
  const set = useCallback(
    (v: T) => {
      setValue(v);
      try {
        window.localStorage.setItem(PREFIX + key, JSON.stringify(v));
      } catch {
        // Storage full or denied: the preference lasts for this page only.
      }
    },
    [key],
  );
  return [value, set];
}

export const isStringArray = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string');
export const isFraction = (v: unknown): v is number => typeof v === 'number' && v > 0.05 && v < 0.95;
