import type { ServiceState } from '../../../../contract';
import { Badge, stateTone } from '../panel';
import { hostPort } from '../../lib/format';
import { serviceLabel } from '../../lib/service-labels';
import { ServiceControl } from './service-control';

/**
 * Services with every listener (service, transport, address:port), their state and error; with
 * `controls`, a Start / Stop per service (the lab must be running).
 */
export function ServicesTable({
  services,
  controls,
  labRunning = true,
}: {
  services: readonly ServiceState[];
  controls?: boolean;
  labRunning?: boolean;
}) {
  if (services.length === 0) return <div className="empty">No protocol services are running.</div>;
  return (
    <table className="grid" data-testid="services">
      <thead>
        <tr>
          <th>Service</th>
          <th>State</th>
          <th>Listeners</th>
          {controls && <th>Actions</th>}
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.name} data-service={s.name} data-state={s.state}>
            <td>
              {serviceLabel(s.name)}
              <div className="meta mono">{s.name}</div>
            </td>
            <td>
              <Badge tone={stateTone(s.state)}>{s.configured === false ? 'not configured' : s.state}</Badge>
              {s.held && <div className="meta">stopped by hand; stays stopped across reloads</div>}
              {s.error && (
                <div className="meta" style={{ color: 'var(--bad)' }} data-testid={`service-error-${s.name}`}>
                  {s.error}
                </div>
              )}
            </td>
            <td>
              {s.listeners.length === 0 && <span className="meta">none</span>}
              {s.listeners.map((l) => (
                <div key={`${l.service}-${l.transport}-${l.address}-${l.port}`} className="mono">
                  {hostPort(l.address, l.port)}{' '}
                  {l.transport === 'tls' ? (
                    <Badge tone="info">TLS</Badge>
                  ) : (
                    <span className="meta">{l.transport.toUpperCase()}</span>
                  )}
                </div>
              ))}
            </td>
            {controls && (
              <td>
                <ServiceControl service={s} labRunning={labRunning} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
