import { transport } from '../../api';
import { Panel, Placeholder, ScreenHead } from '../../components/panel';
import { useLinkState } from '../../components/use-link-state';
import { hostPort } from '../../lib/format';
import { useApp } from '../../store';
import { WebConsoleSignIn } from './web-console-sign-in';

export function SettingsScreen() {
  const status = useApp((s) => s.status);
  const link = useLinkState();
  const web = status?.services.flatMap((s) => s.listeners).find((l) => l.service === 'web');
  return (
    <div className="screen" data-testid="screen-settings">
      <ScreenHead title="Settings" />
      <Panel title="This lab">
        <dl className="kv">
          <dt>Host</dt>
          <dd>
            {transport.kind === 'electron'
              ? 'desktop app (Electron IPC)'
              : `aaa-lab serve (HTTP + WebSocket, events ${link})`}
          </dd>
          <dt>Lab file</dt>
          <dd>
            <code>{status?.configPath ?? '(built-in default)'}</code>
          </dd>
          <dt>Data directory</dt>
          <dd>
            <code>{status?.dataDir}</code>
          </dd>
          <dt>Web / REST / metrics</dt>
          <dd>
            {web ? (
              <code>http://{hostPort(web.address, web.port)}/metrics</code>
            ) : (
              <span className="meta">not listening</span>
            )}
          </dd>
        </dl>
      </Panel>
      {transport.kind === 'electron' && (
        <Panel title="Web console">
          <WebConsoleSignIn />
        </Panel>
      )}
      <Placeholder title="Lab settings" arrivesWith="settings.get / settings.set">
        Trace ring size, the lab-only &quot;show secrets&quot; switch (off by default; exports stay masked),
        accounting retention and admin login (password or OpenID Connect).
      </Placeholder>
    </div>
  );
}
