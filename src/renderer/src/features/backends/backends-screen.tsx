import { Panel, ScreenHead } from '../../components/panel';
import { BackendTest } from './backend-test';
import { useApp } from '../../store';

export function BackendsScreen() {
  const backends = useApp((s) => s.status?.backends ?? []);
  return (
    <div className="screen" data-testid="screen-backends">
      <ScreenHead title="Backends" />
      <Panel title="Configured backends" count={backends.length} flush>
        {backends.length === 0 ? (
          <div className="empty">Only the local user database (from the lab file).</div>
        ) : (
          <table className="grid">
            <thead>
              <tr>
                <th>Name</th>
                <th>Type</th>
              </tr>
            </thead>
            <tbody>
              {backends.map((b) => (
                <tr key={b.name}>
                  <td>{b.name}</td>
                  <td>{b.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Test a login">
        <BackendTest backends={backends.length > 0 ? backends : [{ name: 'local', type: 'local' }]} />
      </Panel>
    </div>
  );
}
