import type { TraceRow } from '../../../../contract';
import type { Column } from '../../components/data-table/columns';
import { hostPort, latency, traceTime } from '../../lib/format';

function flow(r: TraceRow): string {
  const local = hostPort(r.local.address, r.local.port);
  const remote = hostPort(r.remote.address, r.remote.port);
  return r.direction === 'in' ? `${remote} → ${local}` : `${local} → ${remote}`;
}

function marks(r: TraceRow): string {
  return [r.duplicate ? 'dup' : '', r.retransmit ? 'retx' : ''].filter(Boolean).join(' ');
}

/** The packet list's columns, in display order; the column chooser hides the ones not wanted. */
export const TRACE_COLUMNS: readonly Column<TraceRow>[] = [
  { id: 'no', label: 'No.', width: '64px', cell: (r) => r.id },
  { id: 'time', label: 'Time', width: '118px', cell: (r) => traceTime(r.timeUs) },
  { id: 'dir', label: 'Dir', width: '34px', cell: (r) => (r.direction === 'in' ? '→' : '←') },
  {
    id: 'role',
    label: 'Role',
    width: '78px',
    // Client records are the Test client's own copies of what it sent and received.
    cell: (r) => (r.role === 'client' ? 'test client' : 'server'),
  },
  { id: 'protocol', label: 'Protocol', width: '86px', cell: (r) => r.protocol },
  { id: 'flow', label: 'Flow', width: '250px', cell: flow, title: flow },
  { id: 'device', label: 'Device', width: '104px', cell: (r) => r.device ?? '?' },
  { id: 'user', label: 'User', width: '80px', cell: (r) => r.user ?? '' },
  { id: 'session', label: 'Session', width: '100px', cell: (r) => r.sessionId ?? '', defaultVisible: false },
  {
    id: 'summary',
    label: 'Summary',
    width: 'minmax(200px, 1fr)',
    title: (r) => r.diagnosis ?? r.summary,
    cell: (r) => (
      <>
        {r.summary}
        {marks(r) && <span className="tag">{marks(r)}</span>}
      </>
    ),
  },
  { id: 'result', label: 'Result', width: '58px', cell: (r) => r.result ?? '' },
  { id: 'latency', label: 'Latency', width: '70px', cell: (r) => latency(r.latencyUs) },
  { id: 'length', label: 'Length', width: '56px', cell: (r) => r.length, defaultVisible: false },
];
