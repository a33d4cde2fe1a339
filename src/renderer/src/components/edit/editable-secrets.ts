import { secretEdit, secretState, type SecretState } from './secret-field';

/** An item's secrets as the editor holds them, one state a key. */
export type SecretStates<K extends string> = Record<K, SecretState>;

/** Nothing loaded yet (or a new item): every secret unset. */
export function blankSecrets<K extends string>(keys: readonly K[]): SecretStates<K> {
  return Object.fromEntries(keys.map((k) => [k, secretState(undefined)])) as SecretStates<K>;
}

/**
 * The secrets after the engine sent the item: a masked load replaces them all, a revealed one keeps
 * whatever the user already typed over a secret (revealing must not throw their edit away).
 */
export function loadedSecrets<K extends string>(
  keys: readonly K[],
  cur: SecretStates<K>,
  item: Partial<Record<K, string | undefined>>,
  revealed: boolean,
): SecretStates<K> {
  const next = { ...cur };
  for (const k of keys) if (!revealed || !cur[k].changed) next[k] = secretState(item[k]);
  return next;
}

/** What an upsert sends for each secret (undefined keeps, null removes, a string sets). */
export function secretEdits<K extends string>(
  keys: readonly K[],
  secrets: SecretStates<K>,
): Record<K, string | null | undefined> {
  return Object.fromEntries(keys.map((k) => [k, secretEdit(secrets[k])])) as Record<
    K,
    string | null | undefined
  >;
}
