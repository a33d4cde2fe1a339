import type { AccountingQuery, AccountingRepo } from '../store/accounting-repo';
import type { AccountingRecord } from '../store/types';
import { csvLine } from './csv';
import { jsonArray, lines, type ExportBody } from './trace-export';

export const ACCOUNTING_FORMATS = ['csv', 'ndjson', 'json', 'tacplus'] as const;
export type AccountingFormat = (typeof ACCOUNTING_FORMATS)[number];

export const ACCOUNTING_CSV_COLUMNS = [
  'id',
  'time',
  'timeMs',
  'protocol',
  'device',
  'nasAddress',
  'username',
  'sessionId',
  'status',
  'command',
  'nasPort',
  'remoteAddress',
  'attributes',
] as const;

/**
 * Every record matching `q`, oldest first, one page (default 1,000 rows) at a time. No SQLite
 * iterator stays open between pages: an open better-sqlite3 iterator makes the connection busy,
 * and the protocol servers must keep committing records while a slow client downloads an export.
 * Records added after the export started are left out (the first page fixes the upper id).
 */
export function* accountingPages(
  repo: AccountingRepo,
  q: AccountingQuery,
  pageSize = 1000,
): Generator<AccountingRecord> {
  const newest = repo.query({ ...q, before: undefined, after: undefined, limit: 1 })[0]?.id;
  if (newest === undefined) return;
  let after = 0;
  for (;;) {
    const page = repo.query({ ...q, before: newest + 1, after, limit: pageSize }); // `after` pages oldest first
    for (const r of page) yield r;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.id;
  }
}

export function accountingCsvCells(r: AccountingRecord): unknown[] {
  return [
    r.id,
    new Date(r.time).toISOString(),
    r.time,
    r.protocol,
    r.device,
    r.nasAddress,
    r.username,
    r.sessionId,
    r.status,
    r.command,
    r.nasPort,
    r.remoteAddress,
    r.attributes,
  ];
}

export function accountingExport(records: Iterable<AccountingRecord>, format: AccountingFormat): ExportBody {
  switch (format) {
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', extension: 'csv', chunks: csv(records) };
    case 'ndjson':
      return {
        contentType: 'application/x-ndjson; charset=utf-8',
        extension: 'ndjson',
        chunks: lines(records, (r) => JSON.stringify(r) + '\n'),
      };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
        chunks: jsonArray(records, (r) => JSON.stringify(r)),
      };
    case 'tacplus':
      return {
        contentType: 'text/plain; charset=utf-8',
        extension: 'acct',
        chunks: lines(records, tacplusLine),
      };
  }
}

function* csv(records: Iterable<AccountingRecord>): Generator<string> {
  yield csvLine(ACCOUNTING_CSV_COLUMNS);
  yield* lines(records, (r) => csvLine(accountingCsvCells(r)));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const STATUS_WORD: Record<AccountingRecord['status'], string> = {
  start: 'start',
  stop: 'stop',
  watchdog: 'update',
  interim: 'update',
  on: 'on',
  off: 'off',
  other: 'other',
};

/**
 * One line in the accounting file layout of Shrubbery/Cisco tac_plus (`acctfile`), which log
 * parsers already read: date, NAS, user, port, remote address, start|stop|update, then the AV
 * pairs tab-separated. Times are UTC. RADIUS records use their attribute names as AV names.
 */
export function tacplusLine(r: AccountingRecord): string {
  const d = new Date(r.time);
  const pad = (n: number) => String(n).padStart(2, '0');
  const date = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const clean = (s: string | undefined) => (s ?? '').replace(/[\t\r\n]/g, ' ');
  const avs: string[] = [];
  for (const [name, value] of Object.entries(r.attributes)) {
    for (const v of Array.isArray(value) ? value : [value]) avs.push(`${clean(name)}=${clean(v)}`);
  }
  return (
    [
      date,
      r.nasAddress,
      clean(r.username),
      clean(r.nasPort),
      clean(r.remoteAddress),
      STATUS_WORD[r.status],
      ...avs,
    ].join('\t') + '\n'
  );
}
