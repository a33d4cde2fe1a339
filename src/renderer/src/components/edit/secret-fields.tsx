import { SecretField } from './secret-field';
import type { EditableSecrets } from './use-editable-secrets';

/**
 * An item's secrets in a row of the editor, one SecretField each, masked until revealed. Test ids are
 * `<what>-<key>` (`device-radiusSecret`).
 */
export function SecretFields<K extends string>(props: {
  what: string;
  fields: readonly (readonly [K, string])[];
  secrets: EditableSecrets<K>;
  error(key: K): string | undefined;
}) {
  const { secrets } = props;
  return (
    <div className="form-grid">
      {props.fields.map(([k, label]) => (
        <SecretField
          key={k}
          label={label}
          state={secrets.states[k]}
          revealed={secrets.revealed}
          error={props.error(k)}
          testId={`${props.what}-${k}`}
          onChange={(s) => secrets.set(k, s)}
        />
      ))}
    </div>
  );
}
