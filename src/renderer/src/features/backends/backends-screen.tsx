import { Panel, ScreenHead } from '../../components/panel';
import { BackendHealthPanel } from './backend-health';
import { BackendTest } from './backend-test';
import { useApp } from '../../store';

export function BackendsScreen() {
  const backends = useApp((s) => s.status?.backends ?? []);
  return (
    <div className="screen" data-testid="screen-backends">
      <ScreenHead title="Backends" />
      <BackendHealthPanel />
      <Panel title="Test a login">
        <BackendTest backends={backends.length > 0 ? backends : [{ name: 'local', type: 'local' }]} />
      </Panel>
    </div>
  );
}
