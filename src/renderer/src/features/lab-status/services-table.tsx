import type { ServiceState } from '../../../../contract';
import { Badge, stateTone } from '../../components/panel';
import { hostPort } from '../../lib/format';

/** Services with every listener (service, transport, address:port), their state and error. */
export function ServicesTable({ services }: { services: readonly ServiceState[] }) {
  if (services.length === 0) return <div className="empty">No protocol services are running.</div>;
  return (
    <table className="grid" data-testid="services">
      <thead>
        <tr>
          <th>Service</th>
          <th>State</th>
          <th>Listeners</th>
        </tr>
      </thead>
      <tbody>
        {services.map((s) => (
          <tr key={s.name}>
            <td>{s.name}</td>
            <td>
              <Badge tone={stateTone(s.state)}>{s.state}</Badge>
              {s.error && (
                <div className="meta" style={{ color: 'var(--bad)' }}>
                  {s.error}
                </div>
              )}
            </td>
            <td>
              {s.listeners.length === 0 && <span className="meta">none</span>}
              {s.listeners.map((l) => (
                <div key={`${l.service}-${l.transport}-${l.address}-${l.port}`} className="mono">
                  {l.service} <span className="meta">{l.transport}</span> {hostPort(l.address, l.port)}
                </div>
              ))}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
