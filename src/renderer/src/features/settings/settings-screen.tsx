import { transport } from '../../api';
import { Panel, ScreenHead } from '../../components/panel';
import { ThemeToggle } from '../../components/theme-toggle';
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
            ) : transport.kind === 'http' ? (
              // This page is served by aaa-lab serve: its own listener is the web console.
              <code data-testid="settings-web-origin">{window.location.origin}</code>
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
      <Panel title="Appearance">
        <dl className="kv">
          <dt>Theme</dt>
          <dd>
            <ThemeToggle testId="settings-theme" />
          </dd>
        </dl>
      </Panel>
    </div>
  );
}
