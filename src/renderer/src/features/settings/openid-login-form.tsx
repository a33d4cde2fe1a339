import { useState } from 'react';
import type { Settings } from '../../../../contract/settings';
import { labApi } from '../../api';
import { ConfirmButton } from '../../components/confirm-button';
import { EditStatus } from '../../components/edit/edit-status';
import { TextField } from '../../components/edit/text-field';
import { useEdit } from '../../components/edit/use-edit';
import { Panel } from '../../components/panel';

const FIELDS = [
  'issuerUrl',
  'clientId',
  'redirectUri',
  'clientSecret',
  'allowedGroups',
  'allowedEmailDomains',
];
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * web.openid: admin sign-in with OpenID Connect, saved through settings.set. The client secret never
 * comes back from the engine: left empty it is kept; `${ENV_VAR}` keeps it out of the lab file.
 */
export function OpenidLoginForm({ settings: s, onSaved }: { settings: Settings; onSaved(): void }) {
  const edit = useEdit();
  const o = s.openid;
  const [issuer, setIssuer] = useState(o?.issuerUrl ?? '');
  const [clientId, setClientId] = useState(o?.clientId ?? '');
  const [redirect, setRedirect] = useState(
    o?.redirectUri ?? (s.web.url ? `${s.web.url}/admin/login/openid-callback` : ''),
  );
  const [secret, setSecret] = useState('');
  const [groups, setGroups] = useState(o?.allowedGroups.join(', ') ?? '');
  const [domains, setDomains] = useState(o?.allowedEmailDomains.join(', ') ?? '');
  // The lab schema reports these under web.openid; the edit may name them from openid.
  const err = (k: string) => edit.fieldError(`web.openid.${k}`) ?? edit.fieldError(`openid.${k}`);
  const save = () =>
    void edit
      .run(
        () =>
          labApi.settings.set({
            openid: {
              issuerUrl: issuer,
              clientId,
              redirectUri: redirect,
              clientSecret: secret || undefined,
              allowedGroups: list(groups),
              allowedEmailDomains: list(domains),
            },
          }),
        o ? 'OpenID Connect login saved.' : 'OpenID Connect login turned on.',
      )
      .then((ok) => ok && onSaved());
  const turnOff = () =>
    void edit
      .run(() => labApi.settings.set({ openid: null }), 'OpenID Connect login turned off.')
      .then((ok) => ok && onSaved());
  return (
    <Panel title="OpenID Connect admin login" testId="settings-openid">
      <div className="edit-form">
        <div className="meta">
          {o
            ? `On: ${o.issuerUrl} (client ${o.clientId}${o.hasClientSecret ? ', confidential' : ', public'}).`
            : 'Off: fill in your identity provider to offer "Sign in with OpenID Connect".'}
        </div>
        <div className="form-grid">
          <TextField label="Issuer URL" value={issuer} onChange={setIssuer} error={err('issuerUrl')} />
          <TextField label="Client ID" value={clientId} onChange={setClientId} error={err('clientId')} />
          <TextField
            label="Redirect URI (registered at the provider)"
            value={redirect}
            onChange={setRedirect}
            error={err('redirectUri')}
          />
          <TextField
            label={
              o?.hasClientSecret
                ? 'Client secret (leave empty to keep)'
                : 'Client secret (empty: public client)'
            }
            type="password"
            value={secret}
            onChange={setSecret}
            error={err('clientSecret')}
          />
          <TextField
            label="Allowed groups (comma-separated; empty: any)"
            value={groups}
            onChange={setGroups}
            error={err('allowedGroups')}
          />
          <TextField
            label="Allowed e-mail domains (comma-separated; empty: any)"
            value={domains}
            onChange={setDomains}
            error={err('allowedEmailDomains')}
          />
        </div>
        <div className="editor-actions">
          <button
            className="btn primary"
            disabled={edit.busy}
            onClick={save}
            data-testid="settings-openid-save"
          >
            {o ? 'Save' : 'Turn on OpenID Connect login'}
          </button>
          {o && (
            <ConfirmButton
              label="Turn off"
              question="Remove web.openid from the lab file? Browsers then sign in with the password only."
              confirmLabel="Turn off OpenID Connect login"
              onConfirm={turnOff}
              disabled={edit.busy}
            />
          )}
        </div>
        <EditStatus edit={edit} shown={FIELDS.flatMap((k) => [`web.openid.${k}`, `openid.${k}`])} />
      </div>
    </Panel>
  );
}
