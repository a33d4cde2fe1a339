import type { AccountingRecordDto } from '../../../../contract/observability';
import type { Column } from '../../components/data-table/columns';

/** What a record did: the TACACS+ command, else its first few attributes. */
function detail(r: AccountingRecordDto): string {
  return (
    r.command ??
    Object.entries(r.attributes)
      .slice(0, 4)
      .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
      .join(' ')
  );
}

const device = (r: AccountingRecordDto): string => `${r.device ?? '?'} ${r.nasAddress}`;

/** The accounting list's columns, in display order; the column chooser hides the ones not wanted. */
export const ACCOUNTING_COLUMNS: readonly Column<AccountingRecordDto>[] = [
  { id: 'time', label: 'Time', width: '168px', cell: (r) => new Date(r.time).toLocaleString() },
  { id: 'protocol', label: 'Protocol', width: '76px', cell: (r) => r.protocol },
  { id: 'status', label: 'Status', width: '72px', cell: (r) => r.status },
  { id: 'user', label: 'User', width: '110px', cell: (r) => r.username ?? '', title: (r) => r.username },
  { id: 'device', label: 'Device / NAS', width: '180px', cell: device, title: device },
  {
    id: 'session',
    label: 'Session',
    width: '140px',
    cell: (r) => r.sessionId ?? '',
    title: (r) => r.sessionId,
  },
  { id: 'detail', label: 'Command / attributes', width: 'minmax(240px, 1fr)', cell: detail, title: detail },
];
