/**
 * The other labelled controls of a form (TextField is in text-field.tsx): a choice, a multi-line
 * text and a checkbox (the Test client's request forms, the lab editors).
 */
import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** One choice of a few; options are values or [value, shown text]. */
export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (T | readonly [T, string])[];
  onChange(v: NoInfer<T>): void;
  /** The engine's message for this field, shown under it. */
  error?: string;
  testId?: string;
}) {
  return (
    <label className="field">
      {props.label}
      <select
        value={props.value}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map((o) => {
          const [v, l] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
      <FieldError message={props.error} />
    </label>
  );
}

export function AreaField(props: {
  label: ReactNode;
  value: string;
  onChange(v: string): void;
  placeholder?: string;
  rows?: number;
}) {
  return (
    <label className="field client-area">
      {props.label}
      <textarea
        rows={props.rows ?? 3}
        spellCheck={false}
        value={props.value}
        placeholder={props.placeholder}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function Check(props: { label: string; checked: boolean; onChange(v: boolean): void }) {
  return (
    <label className="check">
      <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
      {props.label}
    </label>
  );
}
