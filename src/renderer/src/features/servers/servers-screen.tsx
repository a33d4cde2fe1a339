import { Badge, Note, Panel, ScreenHead, stateTone } from '../../components/panel';
import { ConfirmButton } from '../../components/confirm-button';
import { useApp } from '../../store';
import { ServicesTable } from '../../components/services/services-table';
import { LabCertificates } from './lab-certificates';

/**
 * Every service the lab runs with its listeners (TLS marked), started and stopped one by one or all
 * together. The list is the lab status pushed by the engine, so every open window shows a change.
 */
export function ServersScreen() {
  const status = useApp((s) => s.status);
  const busy = useApp((s) => s.busy);
  const actionError = useApp((s) => s.actionError);
  const startLab = useApp((s) => s.startLab);
  const stopLab = useApp((s) => s.stopLab);
  const loadStatus = useApp((s) => s.loadStatus);
  const state = status?.state;
  const services = status?.services ?? [];

  return (
    <div className="screen" data-testid="screen-servers">
      <ScreenHead title="Servers">
        <Badge tone={stateTone(state ?? 'stopped')}>lab {state}</Badge>
        <span className="spacer" />
        <button className="btn" onClick={() => void loadStatus()} disabled={busy}>
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
      {actionError && (
        <Note tone="bad" title="The last action failed">
          {actionError}
        </Note>
      )}
      <Panel title="Services" count={services.reduce((n, s) => n + s.listeners.length, 0)} flush>
        <ServicesTable services={services} controls labRunning={state === 'running'} />
      </Panel>
      <div className="meta">
        A service stopped here stays stopped when the lab file is applied again, until it is started; Stop all
        then Start all starts every service.
      </div>
      <LabCertificates />
    </div>
  );
}
