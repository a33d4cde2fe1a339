import { useState } from 'react';
import { Panel, ScreenHead } from '../../components/panel';
import { useApp } from '../../store';
import { DevicesTable } from '../../components/lab/devices-table';
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
        Devices, their CIDRs and secrets are defined in the lab file: change them in the{' '}
        <a href="#/config">Config editor</a>.
      </div>
    </div>
  );
}
