import { useCallback, useState } from 'react';
import type { AuditEntryDto } from '../../../../contract/audit';
import { labApi } from '../../api';
import { Badge, Note, Panel, ScreenHead } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { ToolbarInput, ToolbarSelect } from '../../components/toolbar-field';

/** Event groups the filter offers (prefixes ending in "." match every event under them). */
const KINDS: ReadonlyArray<readonly [string, string]> = [
  ['', 'all events'],
  ['admin.login.', 'sign-ins and failures'],
  ['admin.session.', 'sessions created / deleted'],
  ['config.', 'lab file changes and reloads'],
  ['stats.reset', 'stats resets'],
  ['export.', 'exports'],
  ['api.', 'REST client requests'],
];

const PAGE = 100;

/** The audit log (audit.list): who did what to the lab, newest first; lab changes show their diff. */
export function AuditScreen() {
  const [kind, setKind] = useState('');
  const [text, setText] = useState('');
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before.at(-1);
  const fetcher = useCallback(
    () =>
      labApi.audit.list({
        event: kind ? [kind] : undefined,
        text: text || undefined,
        before: cursor,
        limit: PAGE,
      }),
    [kind, text, cursor],
  );
  const { data, error, reload } = useQuery(fetcher);
  const entries = data?.entries ?? [];
  const reset = (f: () => void) => {
    f();
    setBefore([]);
  };
  return (
    <div className="screen" data-testid="screen-audit">
      <ScreenHead title="Audit">
        <ToolbarSelect
          label="Show"
          ariaLabel="Events shown"
          value={kind}
          options={KINDS}
          onChange={(k) => reset(() => setKind(k))}
        />
        <ToolbarInput
          label="Search"
          ariaLabel="Search the details"
          placeholder="search user, path, address…"
          value={text}
          onChange={(t) => reset(() => setText(t))}
        />
        <span className="spacer" />
        <button className="btn" onClick={reload}>
          Refresh
        </button>
      </ScreenHead>
      {error && (
        <Note tone="bad" title="audit.list failed">
          {error}
        </Note>
      )}
      <Panel
        title="Events"
        count={data?.total}
        flush
        actions={
          <>
            <button
              className="btn"
              disabled={before.length === 0}
              onClick={() => setBefore((b) => b.slice(0, -1))}
            >
              Newer
            </button>
            <button
              className="btn"
              disabled={data?.nextCursor === undefined}
              onClick={() => data?.nextCursor !== undefined && setBefore((b) => [...b, data.nextCursor!])}
            >
              Older
            </button>
          </>
        }
      >
        {entries.length === 0 ? (
          <div className="empty">No audit events match.</div>
        ) : (
          <table className="grid" data-testid="audit-events">
            <thead>
              <tr>
                <th>Time</th>
                <th>Event</th>
                <th>Who</th>
                <th>Details</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <AuditRow key={e.id} e={e} />
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}

function AuditRow({ e }: { e: AuditEntryDto }) {
  const { diff, ...rest } = e.details;
  const failed = e.event.endsWith('.failed');
  return (
    <tr>
      <td className="mono">{new Date(e.time).toLocaleString()}</td>
      <td>
        <Badge tone={failed ? 'bad' : 'neutral'}>{e.event}</Badge>
      </td>
      <td>{e.actor ?? ''}</td>
      <td>
        <span className="mono">
          {Object.entries(rest)
            .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
            .join('  ')}
        </span>
        {typeof diff === 'string' && diff && (
          <details>
            <summary>diff</summary>
            <pre className="mono" data-testid="audit-diff">
              {diff}
            </pre>
          </details>
        )}
      </td>
    </tr>
  );
}
