import { useState } from 'react';
import { Panel, ScreenHead } from '../../components/panel';
import { useApp } from '../../store';
import { DevicesTable } from '../../components/lab/devices-table';
import { DeviceEditor } from './device-editor';
import { SwitchSnippets } from './switch-snippets';

type Editing = { original?: string } | undefined;

export function DevicesScreen() {
  const devices = useApp((s) => s.status?.devices ?? []);
  const services = useApp((s) => s.status?.services ?? []);
  const [picked, setPicked] = useState<string>();
  const [editing, setEditing] = useState<Editing>();
  const device = devices.find((d) => d.name === picked) ?? devices[0];
  return (
    <div className="screen" data-testid="screen-devices">
      <ScreenHead title="Devices">
        <span className="meta">Clients (NAS) matched by source address; the most specific CIDR wins.</span>
      </ScreenHead>
      <Panel
        title="Devices"
        count={devices.length}
        flush
        actions={
          <>
            {device && (
              <button
                className="btn small"
                data-testid="device-edit"
                onClick={() => setEditing({ original: device.name })}
              >
                Edit {device.name}
              </button>
            )}
            <button className="btn small" data-testid="device-add" onClick={() => setEditing({})}>
              Add device
            </button>
          </>
        }
      >
        <DevicesTable devices={devices} selected={device?.name} onSelect={setPicked} />
      </Panel>
      {editing && (
        <DeviceEditor
          key={`editor:${editing.original ?? ''}`}
          original={editing.original}
          onDone={(name) => {
            setEditing(undefined);
            if (name) setPicked(name);
          }}
        />
      )}
      {device && <SwitchSnippets key={device.name} device={device} services={services} />}
      <div className="meta">
        Changes are saved to the lab file (comments kept) and take effect at once; the{' '}
        <a href="#/config">Config editor</a> shows the whole file.
      </div>
    </div>
  );
}
