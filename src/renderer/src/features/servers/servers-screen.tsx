import { useCallback } from 'react';
import { labApi } from '../../api';
import { Badge, Note, Panel, ScreenHead, stateTone } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { hostPort } from '../../lib/format';
import { ConfirmButton } from '../../components/confirm-button';
import { useApp } from '../../store';
import { LabCertificates } from './lab-certificates';

/** Every listener the lab runs (servers.list), with TLS marked; start/stop is lab-wide for now. */
export function ServersScreen() {
  const state = useApp((s) => s.status?.state);
  const busy = useApp((s) => s.busy);
  const startLab = useApp((s) => s.startLab);
  const stopLab = useApp((s) => s.stopLab);
  // Listed again whenever the lab's state changes (start/stop/reload).
  const fetcher = useCallback(() => labApi.servers.list(), [state]); // eslint-disable-line react-hooks/exhaustive-deps
  const { data: services, error, reload } = useQuery(fetcher);

  return (
    <div className="screen" data-testid="screen-servers">
      <ScreenHead title="Servers">
        <Badge tone={stateTone(state ?? 'stopped')}>lab {state}</Badge>
        <span className="spacer" />
        <button className="btn" onClick={reload}>
          Refresh
        </button>
        <button className="btn" onClick={() => void startLab()} disabled={busy || state === 'running'}>
          Start all
        </button>
        <ConfirmButton
          label="Stop all"
          question="Stop every listener? Devices will get no answer until the lab starts again."
          confirmLabel="Stop all"
          disabled={busy || state !== 'running'}
          onConfirm={() => void stopLab()}
        />
      </ScreenHead>
      {error && (
        <Note tone="bad" title="servers.list failed">
          {error}
        </Note>
      )}
      <Panel title="Listeners" count={services?.reduce((n, s) => n + s.listeners.length, 0)} flush>
        <table className="grid" data-testid="listeners">
          <thead>
            <tr>
              <th>Service</th>
              <th>Listener</th>
              <th>Transport</th>
              <th>Address</th>
              <th>State</th>
              <th>Error</th>
            </tr>
          </thead>
          <tbody>
            {services?.length === 0 && (
              <tr>
                <td colSpan={6} className="meta">
                  No protocol services are running.
                </td>
              </tr>
            )}
            {(services ?? []).flatMap((s) =>
              (s.listeners.length > 0 ? s.listeners : [undefined]).map((l, i) => (
                <tr key={`${s.name}-${i}`}>
                  <td>{i === 0 ? s.name : ''}</td>
                  <td>{l?.service ?? '—'}</td>
                  <td>
                    {l ? (
                      l.transport === 'tls' ? (
                        <Badge tone="info">TLS</Badge>
                      ) : (
                        l.transport.toUpperCase()
                      )
                    ) : (
                      ''
                    )}
                  </td>
                  <td className="mono">{l ? hostPort(l.address, l.port) : ''}</td>
                  <td>
                    <Badge tone={stateTone(s.state)}>{s.state}</Badge>
                  </td>
                  <td style={{ color: 'var(--bad)' }}>{i === 0 ? s.error : ''}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </Panel>
      <LabCertificates />
    </div>
  );
}
