/**
 * A small labelled control in a screen's toolbar or filter row (Show, Search, Device…): the short
 * label sits beside it, `ariaLabel` (default: the label) says what it does to a screen reader.
 */
export function ToolbarSelect<T extends string>(props: {
  label: string;
  ariaLabel?: string;
  value: T;
  /** Value and shown text; the first is usually "any …" with the value ''. */
  options: readonly (readonly [T, string])[];
  onChange(value: NoInfer<T>): void;
}) {
  return (
    <label className="check">
      <span className="meta">{props.label}</span>
      <select
        className="input"
        aria-label={props.ariaLabel ?? props.label}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
      >
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

export function ToolbarInput(props: {
  label: string;
  ariaLabel?: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  size?: number;
}) {
  return (
    <label className="check">
      <span className="meta">{props.label}</span>
      <input
        className="input"
        aria-label={props.ariaLabel ?? props.label}
        placeholder={props.placeholder}
        size={props.size}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
