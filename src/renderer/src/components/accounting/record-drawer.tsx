import type { AccountingRecordDto } from '../../../../contract/observability';
import { Note } from '../panel';
import { useApp } from '../../store';
import { SessionTimeline } from './session-timeline';

/** Attributes RFC 2866 §5 allows once per Accounting-Request: a second one makes the record malformed. */
const SINGLE = ['Acct-Status-Type', 'Acct-Session-Id', 'Acct-Session-Time', 'Acct-Terminate-Cause'];

const text = (v: string | string[]) => (Array.isArray(v) ? v.join(' | ') : v);

/** One accounting record in full: every attribute, its session's timeline, its packets. */
export function RecordDrawer({ record, onClose }: { record: AccountingRecordDto; onClose(): void }) {
  const go = useApp((s) => s.go);
  const filter = useApp((s) => s.traceFilter);
  const setTraceFilter = useApp((s) => s.setTraceFilter);
  const sessionId = record.sessionId;
  const repeated = SINGLE.filter((name) => Array.isArray(record.attributes[name]));
  const packets = () => {
    const expr =
      record.protocol === 'radius' && sessionId
        ? `radius.Acct-Session-Id == ${JSON.stringify(sessionId)}`
        : `tacacs && user == ${JSON.stringify(record.username ?? '')} && dir == in`;
    void setTraceFilter({ ...filter, expr, role: undefined });
    go('trace');
  };
  return (
    <aside className="drawer" aria-label={`Accounting record ${record.id}`} data-testid="acct-drawer">
      <header>
        <h2>
          {record.status} · {record.username ?? '?'}
        </h2>
        <span className="spacer" />
        <button className="btn small" onClick={packets}>
          Packets in trace
        </button>
        <button className="btn small" aria-label="Close" onClick={onClose}>
          ×
        </button>
      </header>
      {repeated.length > 0 && (
        <Note tone="warn" title="Malformed record">
          {repeated.join(', ')} appears more than once (RFC 2866 §5 allows one): the NAS or client sent a
          broken Accounting-Request.
        </Note>
      )}
      <SessionTimeline record={record} />
      <table className="grid" data-testid="acct-attributes">
        <tbody>
          {Object.entries(record.attributes).map(([k, v]) => (
            <tr key={k}>
              <td className="mono">{k}</td>
              <td className="mono">{text(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </aside>
  );
}
