import { FieldError } from '../../components/edit/field-error';

/** One attribute or AV pair being edited: a name and its value as typed. */
export type Pair = { key: string; value: string };

/**
 * An ordered list of name = value pairs (TACACS+ shell AV pairs, RADIUS reply attributes), with
 * rows to add and remove; errors for the whole map show underneath.
 */
export function PairsField(props: {
  label: string;
  pairs: Pair[];
  onChange(pairs: Pair[]): void;
  keyPlaceholder: string;
  valuePlaceholder: string;
  error?: string;
  testId: string;
}) {
  const { pairs } = props;
  const set = (i: number, p: Pair) => props.onChange(pairs.map((q, n) => (n === i ? p : q)));
  return (
    <fieldset className="field" data-testid={props.testId}>
      <legend>{props.label}</legend>
      <div className="rule-list">
        {pairs.length === 0 && <span className="meta">none</span>}
        {pairs.map((p, i) => (
          <div key={i} className="pair-row">
            <input
              value={p.key}
              placeholder={props.keyPlaceholder}
              aria-label={`${props.label} ${i + 1} name`}
              onChange={(e) => set(i, { ...p, key: e.target.value })}
            />
            <span>=</span>
            <input
              value={p.value}
              placeholder={props.valuePlaceholder}
              aria-label={`${props.label} ${i + 1} value`}
              onChange={(e) => set(i, { ...p, value: e.target.value })}
            />
            <button
              type="button"
              className="btn small"
              aria-label={`Remove ${props.label} ${i + 1}${p.key ? ` (${p.key})` : ''}`}
              onClick={() => props.onChange(pairs.filter((_, n) => n !== i))}
            >
              Remove
            </button>
          </div>
        ))}
      </div>
      <div>
        <button
          type="button"
          className="btn small"
          onClick={() => props.onChange([...pairs, { key: '', value: '' }])}
        >
          Add
        </button>
      </div>
      <FieldError message={props.error} />
    </fieldset>
  );
}

type RadiusValue = string | number;

/** Pairs as the lab file's map: a name given twice becomes a list (a multi-valued attribute). */
export function pairsToReply(pairs: Pair[]): Record<string, RadiusValue | RadiusValue[]> {
  const out: Record<string, RadiusValue | RadiusValue[]> = {};
  for (const { key, value } of pairs) {
    const k = key.trim();
    if (!k) continue;
    // Integer attributes are written as numbers, as they are in the lab file.
    const v: RadiusValue = /^\d+$/.test(value.trim()) ? Number(value.trim()) : value;
    const cur = out[k];
    out[k] = cur === undefined ? v : Array.isArray(cur) ? [...cur, v] : [cur, v];
  }
  return out;
}
