import type { TraceRow } from '../../../../contract';

const columns = [
  'id',
  'timeUs',
  'protocol',
  'direction',
  'transport',
  'role',
  'local',
  'remote',
  'device',
  'user',
  'sessionId',
  'summary',
  'result',
  'length',
  'replyTo',
  'latencyUs',
  'duplicate',
  'retransmit',
  'diagnosis',
] as const;

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s =
    typeof v === 'object'
      ? `${(v as { address: string }).address}:${(v as { port: number }).port}`
      : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV (RFC 4180 quoting) of the list fields of the rows shown. */
export function rowsToCsv(rows: readonly TraceRow[]): string {
  const lines = [columns.join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Downloads the rows shown (list fields only: no bytes, so no secrets). */
export function exportRows(rows: readonly TraceRow[], format: 'csv' | 'json'): void {
  const body = format === 'csv' ? rowsToCsv(rows) : JSON.stringify(rows, null, 2);
  const blob = new Blob([body], { type: format === 'csv' ? 'text/csv' : 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `aaa-lab-trace.${format}`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
