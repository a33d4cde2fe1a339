import { FieldError } from '../../components/edit/field-error';

/** One TACACS+ command authorization rule: a regular expression over "command arg arg …". */
export type Rule = { action: 'permit' | 'deny'; pattern: string };

/**
 * A group's command rules in order (the first match decides), each with its action and regex, and
 * buttons to move it up or down or remove it; errors from the engine show under their rule.
 */
export function CommandRules(props: {
  rules: Rule[];
  onChange(rules: Rule[]): void;
  error(path: string): string | undefined;
}) {
  const { rules } = props;
  const set = (i: number, r: Rule) => props.onChange(rules.map((q, n) => (n === i ? r : q)));
  const move = (i: number, by: -1 | 1) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    next.splice(i + by, 0, r!);
    props.onChange(next);
  };
  return (
    <fieldset className="field" data-testid="group-rules">
      <legend>Command rules (first match wins; no match denies)</legend>
      {rules.length === 0 && <span className="meta">none: every command is denied</span>}
      <ol className="rule-list">
        {rules.map((r, i) => {
          const n = i + 1;
          const error = props.error(`commands[${i}]`) ?? props.error(`commands[${i}].pattern`);
          return (
            <li key={i} data-testid="group-rule">
              <div className="rule-row rule-row-edit">
                <span className="num">{n}</span>
                <select
                  value={r.action}
                  aria-label={`Rule ${n} action`}
                  onChange={(e) => set(i, { ...r, action: e.target.value as Rule['action'] })}
                >
                  <option value="permit">permit</option>
                  <option value="deny">deny</option>
                </select>
                <input
                  value={r.pattern}
                  placeholder="^show( |$)"
                  aria-label={`Rule ${n} pattern (regular expression)`}
                  aria-invalid={error ? true : undefined}
                  onChange={(e) => set(i, { ...r, pattern: e.target.value })}
                />
                <span className="rule-buttons">
                  <button
                    type="button"
                    className="btn small"
                    aria-label={`Move rule ${n} up`}
                    title="Move up"
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    className="btn small"
                    aria-label={`Move rule ${n} down`}
                    title="Move down"
                    disabled={i === rules.length - 1}
                    onClick={() => move(i, 1)}
                  >
                    ↓
                  </button>
                  <button
                    type="button"
                    className="btn small"
                    aria-label={`Remove rule ${n}`}
                    title="Remove"
                    onClick={() => props.onChange(rules.filter((_, k) => k !== i))}
                  >
                    ✕
                  </button>
                </span>
              </div>
              <FieldError message={error} />
            </li>
          );
        })}
      </ol>
      <div>
        <button
          type="button"
          className="btn small"
          data-testid="group-rule-add"
          onClick={() => props.onChange([...rules, { action: 'permit', pattern: '' }])}
        >
          Add rule
        </button>
      </div>
      <FieldError message={props.error('commands')} />
    </fieldset>
  );
}
