import type { LabStatus } from '../../../../contract';
import { Badge } from '../panel';

type Device = LabStatus['devices'][number];

function Proto({ on, label }: { on: boolean; label: string }) {
  return on ? <Badge tone="info">{label}</Badge> : <Badge tone="neutral">no {label}</Badge>;
}

export function DevicesTable(props: {
  devices: readonly Device[];
  selected?: string;
  onSelect?: (name: string) => void;
}) {
  if (props.devices.length === 0) {
    return (
      <div className="empty">No devices: every request will be refused as coming from an unknown client.</div>
    );
  }
  return (
    <table className="grid" data-testid="devices">
      <thead>
        <tr>
          <th>Device</th>
          <th>Match (CIDR)</th>
          <th>Protocols (secret set)</th>
          <th>Message-Authenticator</th>
        </tr>
      </thead>
      <tbody>
        {props.devices.map((d) => (
          <tr
            key={d.name}
            onClick={props.onSelect ? () => props.onSelect?.(d.name) : undefined}
            style={props.selected === d.name ? { background: 'var(--accent-soft)' } : undefined}
          >
            <td>{d.name}</td>
            <td>
              <code>{d.match}</code>
            </td>
            <td>
              <Proto on={d.tacacs} label="TACACS+" /> <Proto on={d.radius} label="RADIUS" />{' '}
              <Proto on={d.coa} label="CoA" />
            </td>
            <td>
              {d.requireMessageAuthenticator === true
                ? 'required'
                : d.requireMessageAuthenticator === 'auto'
                  ? 'auto'
                  : 'verified when present'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
