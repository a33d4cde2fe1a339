import { transport } from '../../api';
import { Panel, ScreenHead } from '../../components/panel';
import { ThemeToggle } from '../../components/theme-toggle';
import { useLinkState } from '../../components/use-link-state';
import { useApp } from '../../store';
import { WebConsoleSignIn } from './web-console-sign-in';
import { LabSettings } from './lab-settings';
import { useCallback } from 'react';
import { labApi } from '../../api';
import { useQuery } from '../../components/use-query';

export function SettingsScreen() {
  const status = useApp((s) => s.status);
  const link = useLinkState();
  const fetcher = useCallback(() => labApi.settings.get(), []);
  const settings = useQuery(fetcher).data;
  const web = settings?.web.url;
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
              // The listener this engine's host bound (aaa-lab serve: this page's own; desktop: web.listen).
              <code data-testid="settings-web-origin">{web}</code>
            ) : transport.kind === 'http' ? (
              <code data-testid="settings-web-origin">{window.location.origin}</code>
            ) : (
              <span className="meta">
                not listening (web.listen {settings?.web.listen ?? ''} could not be bound)
              </span>
            )}
          </dd>
        </dl>
      </Panel>
      {transport.kind === 'electron' && (
        <Panel title="Web console">
          <WebConsoleSignIn />
        </Panel>
      )}
      <LabSettings />
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
