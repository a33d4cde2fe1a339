import type { ServiceState } from '../../../../contract';
import type { ServiceId } from '../../../../contract/servers';
import { labApi } from '../../api';
import { ConfirmButton } from '../confirm-button';
import { serviceLabel } from '../../lib/service-labels';
import { useAction } from '../use-action';

/**
 * Start / Stop for one service (servers.start / servers.stop). The new state comes back in
 * lab.status.changed, so every open window shows it; a failure is shown beside the buttons.
 */
export function ServiceControl({ service, labRunning }: { service: ServiceState; labRunning: boolean }) {
  const { busy, error, run: act } = useAction();
  if (service.locked)
    return (
      <span className="meta" data-testid={`service-locked-${service.name}`}>
        Cannot be stopped here. {service.locked}
      </span>
    );
  if (service.configured === false) return <span className="meta">not in the lab file</span>;
  const id = service.name as ServiceId;
  const run = (action: 'start' | 'stop') => act(() => labApi.servers[action]({ service: id }));
  const label = serviceLabel(service.name);
  return (
    <div className="service-control">
      {service.state === 'running' ? (
        <ConfirmButton
          label="Stop"
          question={`Stop ${label}? Its clients get no answer until it is started again (also across config reloads).`}
          confirmLabel={`Stop ${label}`}
          disabled={busy || !labRunning}
          testId={`service-stop-${service.name}`}
          onConfirm={() => void run('stop')}
        />
      ) : (
        <button
          className="btn"
          disabled={busy || !labRunning}
          title={labRunning ? undefined : 'Start the lab first'}
          data-testid={`service-start-${service.name}`}
          onClick={() => void run('start')}
        >
          Start
        </button>
      )}
      {error && (
        <div className="meta" role="alert" style={{ color: 'var(--bad)' }}>
          {error}
        </div>
      )}
    </div>
  );
}
