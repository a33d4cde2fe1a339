import { useState } from 'react';
import { Panel, ScreenHead } from '../../components/panel';
import { useApp } from '../../store';
import { DevicesTable } from '../lab-status/devices-table';
import { SwitchSnippets } from './switch-snippets';

export function DevicesScreen() {
  const devices = useApp((s) => s.status?.devices ?? []);
  const services = useApp((s) => s.status?.services ?? []);
  const [picked, setPicked] = useState<string>();
  const device = devices.find((d) => d.name === picked) ?? devices[0];
  return (
    <div className="screen" data-testid="screen-devices">
      <ScreenHead title="Devices">
        <span className="meta">Clients (NAS) matched by source address; the most specific CIDR wins.</span>
      </ScreenHead>
      <Panel title="Devices" count={devices.length} flush>
        <DevicesTable devices={devices} selected={device?.name} onSelect={setPicked} />
      </Panel>
      {device && <SwitchSnippets key={device.name} device={device} services={services} />}
      <div className="meta">
        Editing devices arrives with <code>devices.*</code> procedures; today edit them in the Config editor.
      </div>
    </div>
  );
}
