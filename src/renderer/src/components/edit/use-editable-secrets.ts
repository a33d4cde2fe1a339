import { useEffect, useEffectEvent, useState } from 'react';
import { errorMessage } from '../../lib/format';
import { blankSecrets, loadedSecrets, secretEdits, type SecretStates } from './editable-secrets';
import type { SecretState } from './secret-field';

export interface EditableSecrets<K extends string> {
  states: SecretStates<K>;
  /** The user changed one secret in the form. */
  set(key: K, state: SecretState): void;
  /** Whether the secrets are shown in clear. */
  revealed: boolean;
  /** Reveal (asks the engine for the item in clear) or hide them again; for EditorActions. */
  toggle(): void;
  /** Loading or revealing the item failed. */
  loadError?: string;
  /** What the upsert sends for each secret. */
  edits(): Record<K, string | null | undefined>;
}

/**
 * An editor's item with secrets (a device, a user): loads it masked when `original` names one,
 * revealing asks the engine for it in clear (audited there) and keeps what the user already typed,
 * hiding only masks the inputs again. `onLoad` fills the editor's other fields from the masked load.
 */
export function useEditableSecrets<K extends string, T extends Partial<Record<K, string>>>(opts: {
  keys: readonly K[];
  /** The item's name; absent while adding one (nothing to load). */
  original?: string;
  get(original: string, reveal: boolean): Promise<T>;
  onLoad(item: T): void;
}): EditableSecrets<K> {
  const { keys, original } = opts;
  const [secrets, setSecrets] = useState(() => blankSecrets(keys));
  const [revealed, setRevealed] = useState(false);
  const [loadError, setLoadError] = useState<string>();

  const show = (item: T, reveal: boolean) => {
    if (!reveal) opts.onLoad(item);
    setSecrets((cur) => loadedSecrets(keys, cur, item, reveal));
    setRevealed(reveal);
  };
  const loadMasked = useEffectEvent((name: string, live: () => boolean) =>
    opts.get(name, false).then(
      (item) => live() && show(item, false),
      (err: unknown) => live() && setLoadError(errorMessage(err)),
    ),
  );
  useEffect(() => {
    if (!original) return;
    let live = true;
    void loadMasked(original, () => live);
    return () => {
      live = false;
    };
  }, [original]);

  const reveal = () => {
    if (!original) return;
    opts.get(original, true).then(
      (item) => show(item, true),
      (err: unknown) => setLoadError(errorMessage(err)),
    );
  };
  return {
    states: secrets,
    set: (key, state) => setSecrets((cur) => ({ ...cur, [key]: state })),
    revealed,
    toggle: () => (revealed ? setRevealed(false) : reveal()),
    loadError,
    edits: () => secretEdits(keys, secrets),
  };
}
