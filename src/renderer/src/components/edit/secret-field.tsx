import { FieldError } from './field-error';

/**
 * A secret in an editor: what the lab has is shown masked (or revealed on demand); typing replaces
 * it, Remove takes it out, and leaving it alone keeps it (nothing to re-type).
 */
export interface SecretState {
  /** The lab has one. */
  set: boolean;
  /** Revealed value, or what the user typed. */
  value: string;
  changed: boolean;
  removed: boolean;
}

export const secretState = (value: string | undefined): SecretState => ({
  set: value !== undefined,
  value: value && !/^•+$/.test(value) ? value : '',
  changed: false,
  removed: false,
});

/** What an upsert sends: undefined keeps, null removes, a string sets. */
export function secretEdit(s: SecretState): string | null | undefined {
  if (s.removed) return s.set ? null : undefined;
  return s.changed && s.value !== '' ? s.value : undefined;
}

export function SecretField(props: {
  label: string;
  state: SecretState;
  onChange(s: SecretState): void;
  revealed: boolean;
  error?: string;
  testId?: string;
}) {
  const { state: s } = props;
  const placeholder = s.removed ? 'removed on save' : s.set ? '•••••• (unchanged)' : 'not set';
  return (
    <label className="field">
      {props.label}
      <span className="secret-input">
        <input
          type={props.revealed ? 'text' : 'password'}
          autoComplete="new-password"
          value={s.removed ? '' : s.value}
          placeholder={placeholder}
          aria-invalid={props.error ? true : undefined}
          data-testid={props.testId}
          onChange={(e) => props.onChange({ ...s, value: e.target.value, changed: true, removed: false })}
        />
        {s.set && (
          <button
            type="button"
            className="btn small"
            aria-pressed={s.removed}
            title={s.removed ? 'Keep the secret' : 'Remove the secret from this device'}
            onClick={() => props.onChange({ ...s, removed: !s.removed, changed: false })}
          >
            {s.removed ? 'Keep' : 'Clear'}
          </button>
        )}
      </span>
      <FieldError message={props.error} />
    </label>
  );
}
