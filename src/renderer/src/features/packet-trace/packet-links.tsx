import type { TraceRecordDto } from '../../../../contract';
import { latency } from '../../lib/format';
import { useApp } from '../../store';
import { followsOf, pairOf, withReplies, type Follow } from './follow';
import { labApi } from '../../api';
import { RecordLink } from './record-link';

/**
 * Request ↔ response link with Δt, "Follow …" buttons that filter to the conversation, and an
 * accounting request's stored record.
 */
export function PacketLinks({ record }: { record: TraceRecordDto }) {
  const rows = useApp((s) => s.traceRows);
  const openTrace = useApp((s) => s.openTrace);
  const filter = useApp((s) => s.traceFilter);
  const setFilter = useApp((s) => s.setTraceFilter);
  const pair = pairOf(record, rows);
  const follow = async (f: Follow) => {
    let expr = f.expr;
    if (f.addReplies) {
      const found = await labApi.trace.list({ expr, role: filter.role, limit: 1000 }).catch(() => undefined);
      expr = withReplies(expr, (found?.rows ?? []).map((r) => r.id).reverse());
    }
    await setFilter({ ...filter, expr, role: filter.role });
  };
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
        <button key={f.label} className="btn small" title={f.expr} onClick={() => void follow(f)}>
          {f.label}
        </button>
      ))}
      <RecordLink record={record} />
    </div>
  );
}
