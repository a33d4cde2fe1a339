import { useCallback, useState, type FormEvent } from 'react';
import type { AccountingFilter, AccountingRecordDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { ColumnChooser } from '../../components/data-table/column-chooser';
import { defaultColumnIds, visibleColumns } from '../../components/data-table/columns';
import { DataTable } from '../../components/data-table/data-table';
import { useQuery } from '../../components/use-query';
import { Note, ScreenHead } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { ACCOUNTING_COLUMNS } from './accounting-columns';
import { AccountingExportMenu } from './accounting-export-menu';
import { RecordDrawer } from '../../components/accounting/record-drawer';
import { ToolbarInput, ToolbarSelect } from '../../components/toolbar-field';

type Status = NonNullable<AccountingFilter['status']>;
const STATUSES: ReadonlyArray<readonly [Status | '', string]> = [
  ['', 'any status'],
  ...(['start', 'stop', 'interim', 'watchdog', 'on', 'off', 'other'] as const).map((s) => [s, s] as const),
];
const PROTOCOLS: ReadonlyArray<readonly [NonNullable<AccountingFilter['protocol']> | '', string]> = [
  ['', 'both protocols'],
  ['tacacs', 'TACACS+'],
  ['radius', 'RADIUS'],
];
const PAGE = 200;

interface Page {
  records: AccountingRecordDto[];
  total: number;
  nextCursor?: number;
}

function clean(f: AccountingFilter): AccountingFilter {
  const out: AccountingFilter = {};
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') Object.assign(out, { [k]: v });
  return out;
}

/**
 * Accounting records of both protocols (accounting.query), newest first, paged by cursor, in the
 * shared DataTable (virtualised, keyboard navigation, column chooser): picking a row opens it.
 */
export function AccountingScreen() {
  const [draft, setDraft] = useState<AccountingFilter>({});
  const [filter, setFilter] = useState<AccountingFilter>({});
  const [open, setOpen] = useState<AccountingRecordDto>();
  const [older, setOlder] = useState<Page>();
  const [olderError, setOlderError] = useState<string>();
  const [columns, setColumns] = useState(() => defaultColumnIds(ACCOUNTING_COLUMNS));

  // The newest page lives in the store's query slice: "accounting.recorded" makes it stale, so the
  // table follows new records live; pages loaded with "Load older records" are kept below it.
  const input = clean(filter);
  const key = `accounting.query:${JSON.stringify(input)}`;
  const fetcher = useCallback(
    () => labApi.accounting.query({ ...input, limit: PAGE }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the input, serialised
    [key],
  );
  const { data: first, error: firstError, reload } = useQuery<Page>(fetcher, key);
  const error = firstError ?? olderError;
  const page: Page | undefined = first && {
    records: [...first.records, ...(older?.records ?? [])],
    total: first.total,
    nextCursor: older ? older.nextCursor : first.nextCursor,
  };

  async function loadOlder() {
    if (page?.nextCursor === undefined) return;
    try {
      const next = await labApi.accounting.query({ ...input, cursor: page.nextCursor, limit: PAGE });
      setOlder({
        records: [...(older?.records ?? []), ...next.records],
        total: next.total,
        nextCursor: next.nextCursor,
      });
      setOlderError(undefined);
    } catch (err) {
      setOlderError(errorMessage(err));
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
    setOlder(undefined); // older pages belong to the previous filter
  };
  const text = (k: 'user' | 'device' | 'command') => (
    <ToolbarInput
      label={k}
      placeholder={k}
      size={12}
      value={draft[k] ?? ''}
      onChange={(v) => setDraft({ ...draft, [k]: v })}
    />
  );
  const records = page?.records ?? [];
  return (
    <div className="screen" data-testid="screen-accounting">
      <ScreenHead title="Accounting">
        <span className="meta">
          {records.length} shown · {page?.total ?? 0} matching
        </span>
        <span className="spacer" />
        <ColumnChooser columns={ACCOUNTING_COLUMNS} shown={columns} onChange={setColumns} />
        <AccountingExportMenu filter={clean(filter)} disabled={!page?.total} />
        <button className="btn" onClick={reload}>
          Refresh
        </button>
      </ScreenHead>
      <form className="filters" onSubmit={submit} aria-label="Accounting filters">
        {text('user')}
        {text('device')}
        {text('command')}
        <ToolbarSelect
          label="status"
          value={draft.status ?? ''}
          options={STATUSES}
          onChange={(s) => setDraft({ ...draft, status: s || undefined })}
        />
        <ToolbarSelect
          label="protocol"
          value={draft.protocol ?? ''}
          options={PROTOCOLS}
          onChange={(p) => setDraft({ ...draft, protocol: p || undefined })}
        />
        <button className="btn small" type="submit">
          Filter
        </button>
      </form>
      {error && (
        <Note tone="bad" title="accounting.query failed">
          {error}
        </Note>
      )}
      <DataTable
        rows={records}
        columns={visibleColumns(ACCOUNTING_COLUMNS, columns)}
        rowKey={(r) => r.id}
        selected={open?.id}
        onSelect={(id) => setOpen(records.find((r) => r.id === id))}
        rowAttrs={(r) => ({ 'data-record-id': r.id })}
        // Newest first: there is no tail to follow.
        following={false}
        onFollowingChange={() => {}}
        label="Accounting records"
        testId="accounting-records"
        className="accounting-list"
        empty={<div className="empty">No accounting records.</div>}
      />
      {open && <RecordDrawer record={open} onClose={() => setOpen(undefined)} />}
      {page?.nextCursor !== undefined && (
        <div>
          <button className="btn" onClick={() => void loadOlder()}>
            Load older records
          </button>
        </div>
      )}
    </div>
  );
}
