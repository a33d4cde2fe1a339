import { useEffect, useState, type FormEvent } from 'react';
import type { AccountingFilter, AccountingRecordDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { Note, Panel, ScreenHead } from '../../components/panel';
import { errorMessage } from '../../lib/format';
import { AccountingExportMenu } from './accounting-export-menu';
import { RecordDrawer } from './record-drawer';

const statuses = ['start', 'stop', 'interim', 'watchdog', 'on', 'off', 'other'] as const;
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

/** Accounting records of both protocols (accounting.query), newest first, paged by cursor. */
export function AccountingScreen() {
  const [draft, setDraft] = useState<AccountingFilter>({});
  const [filter, setFilter] = useState<AccountingFilter>({});
  const [open, setOpen] = useState<AccountingRecordDto>();
  const [page, setPage] = useState<Page>();
  const [error, setError] = useState<string>();
  const [loads, setLoads] = useState(0);

  useEffect(() => {
    let live = true;
    labApi.accounting.query({ ...clean(filter), limit: PAGE }).then(
      (p) => {
        if (!live) return;
        setPage(p);
        setError(undefined);
      },
      (err: unknown) => live && setError(errorMessage(err)),
    );
    return () => {
      live = false;
    };
  }, [filter, loads]);

  async function older() {
    if (page?.nextCursor === undefined) return;
    try {
      const next = await labApi.accounting.query({ ...clean(filter), cursor: page.nextCursor, limit: PAGE });
      setPage({
        records: [...page.records, ...next.records],
        total: next.total,
        nextCursor: next.nextCursor,
      });
    } catch (err) {
      setError(errorMessage(err));
    }
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setFilter(draft);
  };
  const text = (k: 'user' | 'device' | 'command') => (
    <input
      className="input"
      aria-label={k}
      placeholder={k}
      size={12}
      value={draft[k] ?? ''}
      onChange={(e) => setDraft({ ...draft, [k]: e.target.value })}
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
        <AccountingExportMenu filter={clean(filter)} disabled={!page?.total} />
        <button className="btn" onClick={() => setLoads((n) => n + 1)}>
          Refresh
        </button>
      </ScreenHead>
      <form className="filters" onSubmit={submit} aria-label="Accounting filters">
        {text('user')}
        {text('device')}
        {text('command')}
        <select
          className="input"
          aria-label="status"
          value={draft.status ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, status: (e.target.value || undefined) as AccountingFilter['status'] })
          }
        >
          <option value="">any status</option>
          {statuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select
          className="input"
          aria-label="protocol"
          value={draft.protocol ?? ''}
          onChange={(e) =>
            setDraft({ ...draft, protocol: (e.target.value || undefined) as AccountingFilter['protocol'] })
          }
        >
          <option value="">both protocols</option>
          <option value="tacacs">TACACS+</option>
          <option value="radius">RADIUS</option>
        </select>
        <button className="btn small" type="submit">
          Filter
        </button>
      </form>
      {error && (
        <Note tone="bad" title="accounting.query failed">
          {error}
        </Note>
      )}
      <Panel title="Records" count={page?.total} flush>
        {records.length === 0 ? (
          <div className="empty">No accounting records.</div>
        ) : (
          <table className="grid" data-testid="accounting-records">
            <thead>
              <tr>
                <th>Time</th>
                <th>Protocol</th>
                <th>Status</th>
                <th>User</th>
                <th>Device / NAS</th>
                <th>Session</th>
                <th>Command / attributes</th>
              </tr>
            </thead>
            <tbody>
              {records.map((r) => (
                <tr
                  key={r.id}
                  tabIndex={0}
                  aria-selected={r.id === open?.id}
                  className="clickable"
                  onClick={() => setOpen(r)}
                  onKeyDown={(e) => e.key === 'Enter' && setOpen(r)}
                >
                  <td className="mono">{new Date(r.time).toLocaleString()}</td>
                  <td>{r.protocol}</td>
                  <td>{r.status}</td>
                  <td>{r.username ?? ''}</td>
                  <td>
                    {r.device ?? '?'} <span className="meta mono">{r.nasAddress}</span>
                  </td>
                  <td className="mono">{r.sessionId ?? ''}</td>
                  <td className="mono">
                    {r.command ??
                      Object.entries(r.attributes)
                        .slice(0, 4)
                        .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('|') : v}`)
                        .join(' ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {open && <RecordDrawer record={open} onClose={() => setOpen(undefined)} />}
      {page?.nextCursor !== undefined && (
        <div>
          <button className="btn" onClick={() => void older()}>
            Load older records
          </button>
        </div>
      )}
    </div>
  );
}
