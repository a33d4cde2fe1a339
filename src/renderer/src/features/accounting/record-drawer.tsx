import { useCallback } from 'react';
import type { AccountingRecordDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { Note } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { useApp } from '../../store';

/** Attributes RFC 2866 §5 allows once per Accounting-Request: a second one makes the record malformed. */
const SINGLE = ['Acct-Status-Type', 'Acct-Session-Id', 'Acct-Session-Time', 'Acct-Terminate-Cause'];

const text = (v: string | string[]) => (Array.isArray(v) ? v.join(' | ') : v);

/** One accounting record in full: every attribute, its session's timeline, its packets. */
export function RecordDrawer({ record, onClose }: { record: AccountingRecordDto; onClose(): void }) {
  const go = useApp((s) => s.go);
  const filter = useApp((s) => s.traceFilter);
  const setTraceFilter = useApp((s) => s.setTraceFilter);
  const sessionId = record.sessionId;
  const timeline = useQuery(
    useCallback(
      () =>
        sessionId
          ? labApi.accounting.query({ sessionId, protocol: record.protocol, limit: 100 })
          : Promise.resolve(undefined),
      [sessionId, record.protocol],
    ),
  );
  const repeated = SINGLE.filter((name) => Array.isArray(record.attributes[name]));
  const packets = () => {
    const expr =
      record.protocol === 'radius' && sessionId
        ? `radius.Acct-Session-Id == ${JSON.stringify(sessionId)}`
        : `tacacs && user == ${JSON.stringify(record.username ?? '')} && dir == in`;
    void setTraceFilter({ ...filter, expr, role: undefined });
    go('trace');
  };
  const steps = [...(timeline.data?.records ?? [])].sort((a, b) => a.time - b.time);
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
      {steps.length > 1 && (
        <ol className="timeline" aria-label="Session timeline" data-testid="acct-timeline">
          {steps.map((s) => (
            <li key={s.id} aria-current={s.id === record.id ? 'step' : undefined}>
              <span className="mono">{new Date(s.time).toLocaleTimeString()}</span> {s.status}
            </li>
          ))}
        </ol>
      )}
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
