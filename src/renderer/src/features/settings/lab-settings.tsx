import { useCallback, useState } from 'react';
import type { Settings } from '../../../../contract/settings';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { TextField } from '../../components/edit/text-field';
import { useEdit } from '../../components/edit/use-edit';
import { Panel } from '../../components/panel';
import { useQuery } from '../../components/use-query';
import { OpenidLoginForm } from './openid-login-form';

/** Trace, retention and admin login (password, OpenID Connect), saved to the lab file through settings.set. */
export function LabSettings() {
  const fetcher = useCallback(() => labApi.settings.get(), []);
  const { data, error, reload } = useQuery(fetcher);
  if (error && !data) return <div className="field-error">{error}</div>;
  if (!data) return <div className="meta">Loading settings…</div>;
  return <SettingsForms key={JSON.stringify(data)} settings={data} onSaved={reload} />;
}

function SettingsForms({ settings: s, onSaved }: { settings: Settings; onSaved(): void }) {
  const trace = useEdit();
  const admin = useEdit();
  const [ring, setRing] = useState(String(s.trace.ringSize));
  const [show, setShow] = useState(s.trace.showSecrets);
  const [retention, setRetention] = useState(String(s.accounting.retentionDays));
  const [user, setUser] = useState(s.admin?.username ?? 'admin');
  const [password, setPassword] = useState('');
  const saveTrace = () =>
    void trace
      .run(
        () =>
          labApi.settings.set({
            trace: { ringSize: Number(ring), showSecrets: show },
            accounting: { retentionDays: Number(retention) },
          }),
        'Saved to the lab file.',
      )
      .then((ok) => ok && onSaved());
  const saveAdmin = () =>
    void admin
      .run(
        () => labApi.settings.set({ admin: { username: user, password: password || undefined } }),
        password ? 'Admin password changed.' : 'Admin user name saved.',
      )
      .then((ok) => ok && onSaved());
  const restart = s.trace.ringSize !== s.trace.runningRingSize;
  return (
    <>
      <Panel title="Trace and accounting" testId="settings-trace">
        <div className="edit-form">
          <div className="form-grid">
            <TextField
              label="Trace ring size (records kept in memory)"
              type="number"
              value={ring}
              onChange={setRing}
              error={trace.fieldError('trace.ringSize')}
              testId="settings-ring-size"
              hint={
                restart
                  ? `In use: ${s.trace.runningRingSize.toLocaleString()} — the new size takes effect when the lab is next started.`
                  : 'A new size takes effect when the lab is next started.'
              }
            />
            <TextField
              label="Accounting retention (days, 0 keeps everything)"
              type="number"
              value={retention}
              onChange={setRetention}
              error={trace.fieldError('accounting.retentionDays')}
              testId="settings-retention"
            />
            <label className="check">
              <input
                type="checkbox"
                checked={show}
                data-testid="settings-show-secrets"
                onChange={(e) => setShow(e.target.checked)}
              />
              Show decrypted passwords in the trace (lab only; exports stay masked)
            </label>
          </div>
          <div className="editor-actions">
            <button
              className="btn primary"
              disabled={trace.busy}
              onClick={saveTrace}
              data-testid="settings-trace-save"
            >
              Save
            </button>
          </div>
          <EditStatus edit={trace} shown={['trace.ringSize', 'accounting.retentionDays']} />
        </div>
      </Panel>
      <Panel title="Admin login (web console and REST API)" testId="settings-admin">
        <div className="edit-form">
          <div className="meta">
            {s.admin
              ? `Password login is on for ${s.admin.username}.`
              : 'Password login is off: set a password to turn it on.'}
          </div>
          <div className="form-grid">
            <TextField
              label="User name"
              value={user}
              onChange={setUser}
              error={admin.fieldError('admin.username')}
            />
            <TextField
              label={s.admin ? 'New password (leave empty to keep)' : 'Password'}
              type="password"
              value={password}
              onChange={setPassword}
              error={admin.fieldError('admin.password')}
              testId="settings-admin-password"
            />
          </div>
          <div className="editor-actions">
            <button
              className="btn primary"
              disabled={admin.busy}
              onClick={saveAdmin}
              data-testid="settings-admin-save"
            >
              {s.admin ? 'Save' : 'Turn on password login'}
            </button>
          </div>
          <EditStatus edit={admin} shown={['admin.username', 'admin.password']} />
        </div>
      </Panel>
      <OpenidLoginForm settings={s} onSaved={onSaved} />
    </>
  );
}
