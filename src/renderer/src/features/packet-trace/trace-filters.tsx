import type { TraceFilter, TraceRow } from '../../../../contract';
import { useApp } from '../../store';
import { ToolbarSelect } from '../../components/toolbar-field';

const protocols: TraceRow['protocol'][] = ['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'];
const results: NonNullable<TraceRow['result']>[] = ['pass', 'fail', 'error', 'drop', 'info'];

function toggle<T>(list: readonly T[] | undefined, item: T): T[] {
  const cur = list ?? [];
  return cur.includes(item) ? cur.filter((x) => x !== item) : [...cur, item];
}

/** Quick filters beside the display filter: each applies at once. */
export function TraceFilters() {
  const filter = useApp((s) => s.traceFilter);
  const setFilter = useApp((s) => s.setTraceFilter);
  const devices = useApp((s) => s.status?.devices ?? []);

  const apply = (next: TraceFilter) => void setFilter(next);

  return (
    <div className="filters" role="group" aria-label="Quick filters" data-testid="trace-filters">
      <span className="check-group" role="group" aria-labelledby="trace-filter-protocol">
        <span className="meta" id="trace-filter-protocol">
          Protocol
        </span>
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
      </span>
      <span className="check-group" role="group" aria-labelledby="trace-filter-result">
        <span className="meta" id="trace-filter-result">
          Result
        </span>
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
      </span>
      <label className="check" title="The Test client's own copies of the packets it sent and received">
        <input
          type="checkbox"
          checked={!filter.role?.length || filter.role.includes('client')}
          onChange={(e) => apply({ ...filter, role: e.target.checked ? [] : ['server'] })}
        />
        Test-client copies
      </label>
      <ToolbarSelect
        label="Device"
        value={filter.device ?? ''}
        options={[['', 'any device'], ...devices.map((d) => [d.name, d.name] as const)]}
        onChange={(device) => apply({ ...filter, device: device || undefined })}
      />
      <button
        className="btn small"
        type="button"
        title="Clear every filter, the display filter too"
        onClick={() => apply({ role: ['server'] })}
      >
        Reset
      </button>
    </div>
  );
}
