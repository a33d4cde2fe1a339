import { filterProblem } from './display-filter-bar';
import { DEFAULT_RULES, TONES, type ColourRule, type Tone } from './coloring';

/** The colouring rules, first match wins: edit, reorder, add, remove, or go back to the defaults. */
export function ColouringRules({
  rules,
  onChange,
}: {
  rules: ColourRule[];
  onChange(r: ColourRule[]): void;
}) {
  const set = (i: number, r: Partial<ColourRule>) =>
    onChange(rules.map((x, j) => (j === i ? { ...x, ...r } : x)));
  const move = (i: number, d: number) => {
    const next = [...rules];
    const [r] = next.splice(i, 1);
    if (r) next.splice(i + d, 0, r);
    onChange(next);
  };
  return (
    <details className="menu" data-testid="colouring-rules">
      <summary className="btn small">Colours</summary>
      <div className="menu-items colour-rules">
        {rules.map((r, i) => {
          const problem = filterProblem(r.expr);
          return (
            <div key={i} className="colour-rule">
              <span className={`swatch c-${r.tone}`} aria-hidden />
              <input
                className={`input mono ${problem ? 'invalid' : ''}`}
                aria-label={`Rule ${i + 1} filter`}
                title={problem?.message}
                value={r.expr}
                onChange={(e) => set(i, { expr: e.target.value })}
              />
              <select
                className="input"
                aria-label={`Rule ${i + 1} colour`}
                value={r.tone}
                onChange={(e) => set(i, { tone: e.target.value as Tone })}
              >
                {TONES.map((t) => (
                  <option key={t}>{t}</option>
                ))}
              </select>
              <button
                className="btn small"
                type="button"
                aria-label="Move up"
                disabled={i === 0}
                onClick={() => move(i, -1)}
              >
                ↑
              </button>
              <button
                className="btn small"
                type="button"
                aria-label="Move down"
                disabled={i === rules.length - 1}
                onClick={() => move(i, 1)}
              >
                ↓
              </button>
              <button
                className="btn small"
                type="button"
                aria-label={`Remove rule ${i + 1}`}
                onClick={() => onChange(rules.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </div>
          );
        })}
        <span>
          <button
            className="btn small"
            type="button"
            onClick={() => onChange([...rules, { expr: '', tone: 'blue' }])}
          >
            Add rule
          </button>{' '}
          <button className="btn small" type="button" onClick={() => onChange([...DEFAULT_RULES])}>
            Defaults
          </button>
        </span>
      </div>
    </details>
  );
}
