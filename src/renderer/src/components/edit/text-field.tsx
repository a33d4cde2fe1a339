import type { ReactNode } from 'react';
import { FieldError } from './field-error';

/** A labelled input with the engine's message for it underneath. */
export function TextField(props: {
  label: ReactNode;
  value: string;
  onChange(value: string): void;
  error?: string;
  placeholder?: string;
  testId?: string;
  type?: 'text' | 'number' | 'password';
  list?: string;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <label className="field">
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        list={props.list}
        required={props.required}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && <span className="field-hint">{props.hint}</span>}
      <FieldError message={props.error} />
    </label>
  );
}
