import { useState } from 'react';
import { compileFilter, DisplayFilterError } from '../../../../contract/display-filter';
import { isStringArray, usePersistent } from '../../lib/use-persistent';
import { useApp } from '../../store';
import { FilterHelp } from './filter-help';
import { SavedFilters } from './saved-filters';

const HISTORY = 20;

/** Checks a filter as it is typed: undefined when valid, else the message and its column. */
export function filterProblem(src: string): { message: string; at: number } | undefined {
  if (!src.trim()) return undefined;
  try {
    compileFilter(src);
    return undefined;
  } catch (e) {
    if (e instanceof DisplayFilterError) return { message: e.message, at: e.at };
    throw e;
  }
}

/**
 * The display filter, as in a packet analyser: green when it parses, red with the reason and the
 * column when not; Enter applies it. Applied filters go to the history (the input's suggestions).
 */
export function DisplayFilterBar() {
  const filter = useApp((s) => s.traceFilter);
  const setFilter = useApp((s) => s.setTraceFilter);
  const [draft, setDraft] = useState(filter.expr ?? '');
  const [shown, setShown] = useState(filter.expr);
  if (shown !== filter.expr) {
    // Applied elsewhere (Reset, a link, follow session): the box shows it.
    setShown(filter.expr);
    setDraft(filter.expr ?? '');
  }
  const [history, setHistory] = usePersistent<string[]>('trace.filterHistory', [], isStringArray);
  const problem = filterProblem(draft);
  const applied = (filter.expr ?? '') === draft.trim();

  const apply = (expr: string) => {
    const text = expr.trim();
    setDraft(text);
    if (filterProblem(text)) return;
    if (text) setHistory([text, ...history.filter((h) => h !== text)].slice(0, HISTORY));
    void setFilter({ ...filter, expr: text || undefined });
  };

  return (
    <form
      className="display-filter"
      data-testid="display-filter"
      aria-label="Display filter"
      onSubmit={(e) => {
        e.preventDefault();
        apply(draft);
      }}
    >
      <label className="display-filter-input">
        <span className="meta">Display filter</span>
        <input
          className={`input mono ${draft.trim() ? (problem ? 'invalid' : 'valid') : ''}`}
          aria-label="Display filter expression"
          aria-invalid={problem !== undefined}
          aria-describedby={problem ? 'display-filter-problem' : undefined}
          list="display-filter-history"
          placeholder='tacacs.user == "bob" && result == fail   ·   user ~ "bo"   ·   radius.Acct-Session-Id == "S1"'
          spellCheck={false}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === 'Escape' && setDraft(filter.expr ?? '')}
        />
      </label>
      <datalist id="display-filter-history">
        {history.map((h) => (
          <option key={h} value={h} />
        ))}
      </datalist>
      <button className="btn small" type="submit" disabled={problem !== undefined || applied}>
        Apply
      </button>
      <button className="btn small" type="button" disabled={!draft && !filter.expr} onClick={() => apply('')}>
        Clear
      </button>
      <SavedFilters current={filter.expr ?? ''} onPick={apply} />
      <FilterHelp />
      {problem && (
        <div
          className="filter-problem"
          id="display-filter-problem"
          role="alert"
          data-testid="display-filter-problem"
        >
          Column {problem.at + 1}: {problem.message}
        </div>
      )}
    </form>
  );
}
