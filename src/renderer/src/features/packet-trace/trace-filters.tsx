import { useState, type FormEvent } from 'react';
import type { TraceFilter, TraceRow } from '../../../../contract';
import { useApp } from '../../store';

const protocols: TraceRow['protocol'][] = ['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'];
const results: NonNullable<TraceRow['result']>[] = ['pass', 'fail', 'error', 'drop', 'info'];

function toggle<T>(list: readonly T[] | undefined, item: T): T[] {
  const cur = list ?? [];
  return cur.includes(item) ? cur.filter((x) => x !== item) : [...cur, item];
}

/** Protocol and result apply at once; device, user and text apply on Enter or "Filter". */
export function TraceFilters() {
  const filter = useApp((s) => s.traceFilter);
  const setFilter = useApp((s) => s.setTraceFilter);
  const devices = useApp((s) => s.status?.devices ?? []);
  const [draft, setDraft] = useState({
    device: filter.device ?? '',
    user: filter.user ?? '',
    text: filter.text ?? '',
  });

  const apply = (next: TraceFilter) => void setFilter(next);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({ ...filter, ...draft });
  };

  return (
    <form className="filters" onSubmit={submit} aria-label="Trace filters" data-testid="trace-filters">
      <span className="meta">Protocol</span>
      {protocols.map((p) => (
        <label key={p} className="check">
          <input
            type="checkbox"
            checked={filter.protocol?.includes(p) ?? false}
            onChange={() => apply({ ...filter, protocol: toggle(filter.protocol, p) })}
          />
          {p}
        </label>
      ))}
      <span className="meta">Result</span>
      {results.map((r) => (
        <label key={r} className="check">
          <input
            type="checkbox"
            checked={filter.result?.includes(r) ?? false}
            onChange={() => apply({ ...filter, result: toggle(filter.result, r) })}
          />
          {r}
        </label>
      ))}
      <label className="check" title="The Test client's own copies of the packets it sent and received">
        <input
          type="checkbox"
          checked={!filter.role?.length || filter.role.includes('client')}
          onChange={(e) => apply({ ...filter, role: e.target.checked ? [] : ['server'] })}
        />
        Test-client copies
      </label>
      <select
        className="input"
        aria-label="Device"
        value={draft.device}
        onChange={(e) => {
          setDraft({ ...draft, device: e.target.value });
          apply({ ...filter, ...draft, device: e.target.value });
        }}
      >
        <option value="">any device</option>
        {devices.map((d) => (
          <option key={d.name} value={d.name}>
            {d.name}
          </option>
        ))}
      </select>
      <input
        className="input"
        aria-label="User"
        placeholder="user"
        size={10}
        value={draft.user}
        onChange={(e) => setDraft({ ...draft, user: e.target.value })}
      />
      <input
        className="input"
        aria-label="Search"
        placeholder="text in summary, address…"
        size={24}
        value={draft.text}
        onChange={(e) => setDraft({ ...draft, text: e.target.value })}
      />
      <button className="btn small" type="submit">
        Filter
      </button>
      <button
        className="btn small"
        type="button"
        onClick={() => {
          setDraft({ device: '', user: '', text: '' });
          apply({ role: ['server'] });
        }}
      >
        Reset
      </button>
    </form>
  );
}
