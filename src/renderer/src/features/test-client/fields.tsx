import type { ReactNode } from 'react';

/** A labelled text input bound to one form key. */
export function TextField(props: {
  label: string;
  value: string;
  onChange(v: string): void;
  type?: 'text' | 'password' | 'number';
  placeholder?: string;
  required?: boolean;
}) {
  return (
    <label className="field">
      {props.label}
      <input
        type={props.type ?? 'text'}
        autoComplete="off"
        value={props.value}
        placeholder={props.placeholder}
        required={props.required}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

export function SelectField<T extends string>(props: {
  label: string;
  value: T;
  options: readonly (T | readonly [T, string])[];
  onChange(v: T): void;
}) {
  return (
    <label className="field">
      {props.label}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value as T)}>
        {props.options.map((o) => {
          const [v, l] = typeof o === 'string' ? [o, o] : o;
          return (
            <option key={v} value={v}>
              {l}
            </option>
          );
        })}
      </select>
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
