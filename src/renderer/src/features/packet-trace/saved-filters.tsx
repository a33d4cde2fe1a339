import { useState } from 'react';
import { usePersistent } from '../../lib/use-persistent';
import { ToolbarInput } from '../../components/toolbar-field';

interface Saved {
  name: string;
  expr: string;
}
const isSaved = (v: unknown): v is Saved[] =>
  Array.isArray(v) &&
  v.every((x) => typeof (x as Saved)?.name === 'string' && typeof (x as Saved)?.expr === 'string');

/** Named display filters kept in this browser: pick one to apply it, save the applied one by name. */
export function SavedFilters({ current, onPick }: { current: string; onPick(expr: string): void }) {
  const [saved, setSaved] = usePersistent<Saved[]>('trace.savedFilters', [], isSaved);
  const [name, setName] = useState('');
  return (
    <details className="menu" data-testid="saved-filters">
      <summary className="btn small">Saved filters</summary>
      <div className="menu-items">
        {saved.length === 0 && <span className="meta">No saved filters yet.</span>}
        {saved.map((s) => (
          <span key={s.name} className="saved-filter">
            <button className="btn small" type="button" title={s.expr} onClick={() => onPick(s.expr)}>
              {s.name}
            </button>
            <button
              className="btn small"
              type="button"
              aria-label={`Delete saved filter ${s.name}`}
              onClick={() => setSaved(saved.filter((x) => x.name !== s.name))}
            >
              ×
            </button>
          </span>
        ))}
        <ToolbarInput label="Name" ariaLabel="Saved filter name" size={14} value={name} onChange={setName} />
        <button
          className="btn small"
          type="button"
          disabled={!name.trim() || !current}
          title={current ? `Save "${current}"` : 'Apply a filter first'}
          onClick={() => {
            setSaved([...saved.filter((x) => x.name !== name.trim()), { name: name.trim(), expr: current }]);
            setName('');
          }}
        >
          Save the applied filter
        </button>
      </div>
    </details>
  );
}
