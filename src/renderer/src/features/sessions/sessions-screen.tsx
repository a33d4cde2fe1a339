import { useCallback, useEffect, useState } from 'react';
import type { AccountingRecordDto, AcctSessionDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { Badge, Note, Panel, ScreenHead } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { duration } from '../../lib/format';
import { useApp } from '../../store';
import { RecordDrawer } from '../../components/accounting/record-drawer';
import { ToolbarSelect } from '../../components/toolbar-field';

type SessionState = 'open' | 'recent' | 'all';
const SHOWN: ReadonlyArray<readonly [SessionState, string]> = [
  ['open', 'open'],
  ['recent', 'open + stopped in the last 15 min'],
  ['all', 'all'],
];
const REFRESH_MS = 5_000;

/** TACACS+ connections and accounting sessions (sessions.list), refreshed every few seconds. */
export function SessionsScreen() {
  const [state, setState] = useState<SessionState>('recent');
  const fetcher = useCallback(() => labApi.sessions.list({ state }), [state]);
  const { data, error, reload } = useQuery(fetcher, `sessions.list:${JSON.stringify({ state })}`);
  const openClientFor = useApp((s) => s.openClientFor);
  // The session's newest record in the drawer: its timeline (records, CoA/Disconnect results).
  const [drawer, setDrawer] = useState<AccountingRecordDto>();
  const timeline = async (s: AcctSessionDto) => {
    const page = await labApi.accounting.query({ sessionId: s.sessionId, protocol: s.protocol, limit: 1 });
    setDrawer(page.records[0]);
  };
  // RFC 5176: ask the session's NAS to change or end it, from the Test client pre-filled.
  const act = (session: AcctSessionDto, action: 'coa' | 'disconnect') => {
    openClientFor({ session, action });
  };
  useEffect(() => {
    const t = setInterval(reload, REFRESH_MS);
    return () => clearInterval(t);
  }, [reload]);
  const connections = data?.connections ?? [];
  const accounting = data?.accounting ?? [];
  return (
    <div className="screen" data-testid="screen-sessions">
      <ScreenHead title="Live sessions">
        <ToolbarSelect
          label="Show"
          ariaLabel="Sessions shown"
          value={state}
          options={SHOWN}
          onChange={setState}
        />
        <span className="spacer" />
        <button className="btn" onClick={reload}>
          Refresh
        </button>
      </ScreenHead>
      {error && (
        <Note tone="bad" title="sessions.list failed">
          {error}
        </Note>
      )}
      <Panel title="TACACS+ connections" count={connections.length} flush>
        {connections.length === 0 ? (
          <div className="empty">No TACACS+ connection is open.</div>
        ) : (
          <table className="grid" data-testid="tacacs-connections">
            <thead>
              <tr>
                <th>Peer</th>
                <th>Device</th>
                <th>Transport</th>
                <th>Single-connect</th>
                <th>Sessions</th>
                <th>Idle</th>
                <th>Packets in/out</th>
              </tr>
            </thead>
            <tbody>
              {connections.map((c) => (
                <tr key={c.id}>
                  <td className="mono">{c.peer}</td>
                  <td>{c.device}</td>
                  <td>{c.transport.toUpperCase()}</td>
                  <td>{c.singleConnect ? 'yes' : 'no'}</td>
                  <td className="num">{c.sessions}</td>
                  <td>{duration(c.idleMs)}</td>
                  <td className="num">
                    {c.packetsIn} / {c.packetsOut}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Accounting sessions" count={accounting.length} flush>
        {accounting.length === 0 ? (
          <div className="empty">No accounting session.</div>
        ) : (
          <table className="grid" data-testid="acct-sessions">
            <thead>
              <tr>
                <th>Protocol</th>
                <th>User</th>
                <th>Device / NAS</th>
                <th>Session</th>
                <th>NAS port</th>
                <th>State</th>
                <th>Duration</th>
                <th>Bytes in/out</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {accounting.map((s) => (
                <tr key={s.key}>
                  <td>{s.protocol}</td>
                  <td>{s.username ?? ''}</td>
                  <td>
                    {s.device ?? '?'} <span className="meta mono">{s.nasAddress}</span>
                  </td>
                  <td className="mono">{s.sessionId}</td>
                  <td>{s.nasPort ?? ''}</td>
                  <td>
                    {s.stoppedAt ? <Badge tone="neutral">stopped</Badge> : <Badge tone="ok">open</Badge>}
                  </td>
                  <td>{duration(s.durationMs)}</td>
                  <td className="num">
                    {s.inputOctets ?? '–'} / {s.outputOctets ?? '–'}
                  </td>
                  <td className="num">
                    <button className="btn small" onClick={() => void timeline(s)}>
                      Timeline
                    </button>{' '}
                    {s.protocol === 'radius' && (
                      <>
                        <button className="btn small" onClick={() => act(s, 'coa')}>
                          CoA
                        </button>{' '}
                        <button className="btn small" onClick={() => act(s, 'disconnect')}>
                          Disconnect
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      {drawer && <RecordDrawer record={drawer} onClose={() => setDrawer(undefined)} />}
    </div>
  );
}
