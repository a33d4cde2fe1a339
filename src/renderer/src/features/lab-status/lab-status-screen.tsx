import { Badge, Note, Panel, ScreenHead, stateTone } from '../../components/panel';
import { IssueList } from '../../components/issue-list';
import { Since } from '../../components/since';
import { ConfirmButton } from '../../components/confirm-button';
import { useApp } from '../../store';
import { DevicesTable } from '../../components/lab/devices-table';
import { GroupsList } from '../../components/lab/groups-list';
import { ServicesTable } from '../../components/services/services-table';
import { UsersTable } from '../../components/lab/users-table';
import { WhyBox } from '../../components/lab/why-box';
import { FileDriftNote } from '../../components/file-drift-note';

export function LabStatusScreen() {
  const status = useApp((s) => s.status);
  const busy = useApp((s) => s.busy);
  const actionError = useApp((s) => s.actionError);
  const startLab = useApp((s) => s.startLab);
  const stopLab = useApp((s) => s.stopLab);
  const loadStatus = useApp((s) => s.loadStatus);
  const go = useApp((s) => s.go);
  if (!status) return null;
  const running = status.state === 'running';
  return (
    <div className="screen" data-testid="screen-status">
      <ScreenHead title="Lab status">
        <Badge tone={stateTone(status.state)}>{status.state}</Badge>
        {status.startedAt !== undefined && running && (
          <span className="meta">
            up <Since at={status.startedAt} />
          </span>
        )}
        <span className="spacer" />
        <button className="btn" onClick={() => void loadStatus()} disabled={busy}>
          Refresh
        </button>
        {running ? (
          <ConfirmButton
            label="Stop lab"
            question="Stop every listener? Devices will get no answer until the lab starts again."
            confirmLabel="Stop lab"
            disabled={busy}
            onConfirm={() => void stopLab()}
          />
        ) : (
          <button className="btn primary" onClick={() => void startLab()} disabled={busy}>
            Start lab
          </button>
        )}
      </ScreenHead>
      <div className="meta">
        Lab file <code>{status.configPath ?? '(built-in default)'}</code> · data <code>{status.dataDir}</code>
      </div>
      {actionError && (
        <Note tone="bad" title="The last action failed">
          {actionError}
        </Note>
      )}
      <FileDriftNote file={status.labFile} path={status.configPath} busy={busy}>
        <button className="btn" onClick={() => go('config')}>
          Open the Config editor
        </button>
      </FileDriftNote>
      {status.lastReloadError && (
        <Note tone="bad" title="The last config reload failed; the previous config stays in force">
          <div>{status.lastReloadError.message}</div>
          <IssueList issues={status.lastReloadError.issues} testId="reload-issues" />
        </Note>
      )}
      {(status.warnings.length > 0 || status.notices.length > 0) && (
        <Panel title="Warnings and notices" count={status.warnings.length + status.notices.length} flush>
          {status.notices.map((n, i) => (
            <div key={i} className="empty" style={{ color: 'var(--ink)' }}>
              <Badge tone="info">notice</Badge> {n}
            </div>
          ))}
          <IssueList issues={status.warnings} testId="warnings" />
        </Panel>
      )}
      <div className="cols-2">
        <Panel title="Listeners" count={status.services.length} flush>
          <ServicesTable services={status.services} />
        </Panel>
        <Panel title="Why? — explain a decision">
          <WhyBox />
        </Panel>
      </div>
      <Panel title="Devices" count={status.devices.length} flush>
        <DevicesTable devices={status.devices} />
      </Panel>
      <div className="cols-2">
        <Panel title="Users" count={status.users.length} flush>
          <UsersTable users={status.users} />
        </Panel>
        <Panel title="Groups" count={status.groups.length} flush>
          <GroupsList groups={status.groups} />
        </Panel>
      </div>
    </div>
  );
}
