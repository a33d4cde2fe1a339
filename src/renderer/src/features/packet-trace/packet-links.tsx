import type { TraceRecordDto } from '../../../../contract';
import { latency } from '../../lib/format';
import { useApp } from '../../store';
import { followsOf, pairOf } from './follow';

/** Request ↔ response link with Δt, and "Follow …" buttons that filter to the conversation. */
export function PacketLinks({ record }: { record: TraceRecordDto }) {
  const rows = useApp((s) => s.traceRows);
  const openTrace = useApp((s) => s.openTrace);
  const filter = useApp((s) => s.traceFilter);
  const setFilter = useApp((s) => s.setTraceFilter);
  const pair = pairOf(record, rows);
  return (
    <div className="packet-links" data-testid="packet-links">
      {pair ? (
        <button className="btn small" data-testid="packet-pair" onClick={() => void openTrace(pair.id)}>
          {pair.kind === 'request' ? `Request in #${pair.id}` : `Response in #${pair.id}`}
          {pair.deltaUs !== undefined && ` · Δt ${latency(pair.deltaUs)}`}
        </button>
      ) : (
        record.direction === 'in' && <span className="meta">No response recorded</span>
      )}
      {followsOf(record).map((f) => (
        <button
          key={f.label}
          className="btn small"
          title={f.expr}
          onClick={() => void setFilter({ ...filter, expr: f.expr, role: filter.role })}
        >
          {f.label}
        </button>
      ))}
    </div>
  );
}
