import { useState } from 'react';
import type { DeviceDetail } from '../../../../contract/lab-edit';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { EditorActions } from '../../components/edit/editor-actions';
import { SecretField } from '../../components/edit/secret-field';
import { TextField } from '../../components/edit/text-field';
import { useLabEdit } from '../../components/edit/use-lab-edit';
import { useEditableSecrets } from '../../components/edit/use-editable-secrets';
import { Panel } from '../../components/panel';
import { platforms } from '../../lib/switch-config';

type MA = 'default' | 'true' | 'auto' | 'false';
const SECRETS = [
  ['tacacsSecret', 'TACACS+ secret'],
  ['radiusSecret', 'RADIUS secret'],
  ['coaSecret', 'CoA secret'],
] as const;
const SECRET_KEYS = SECRETS.map((s) => s[0]);
const FIELDS = ['name', 'match', 'vendor', 'requireMessageAuthenticator', ...SECRET_KEYS];

/**
 * Add or edit one device (a NAS): name, source address or prefix, shared secrets (masked, revealed on
 * demand), Message-Authenticator policy and vendor. `original` absent adds a new device.
 */
export function DeviceEditor(props: { original?: string; onDone(name?: string): void }) {
  const edit = useLabEdit();
  const [name, setName] = useState(props.original ?? '');
  const [match, setMatch] = useState('');
  const [vendor, setVendor] = useState('');
  const [ma, setMa] = useState<MA>('default');
  const secrets = useEditableSecrets({
    keys: SECRET_KEYS,
    original: props.original,
    get: (name, reveal) => labApi.devices.get({ name, reveal: reveal || undefined }),
    onLoad: (d: DeviceDetail) => {
      setMatch(d.match);
      setVendor(d.vendor ?? '');
      setMa(
        d.requireMessageAuthenticator === undefined
          ? 'default'
          : (String(d.requireMessageAuthenticator) as MA),
      );
    },
  });

  const save = async () => {
    const device = {
      name: name.trim(),
      match: match.trim(),
      vendor: vendor.trim() || undefined,
      requireMessageAuthenticator:
        ma === 'default' ? undefined : ma === 'auto' ? ('auto' as const) : ma === 'true',
      ...secrets.edits(),
    };
    const ok = await edit.change(
      () => labApi.devices.upsert({ original: props.original, device }),
      `Saved ${device.name} to the lab file; it is in force.`,
    );
    if (ok) props.onDone(device.name);
  };

  const remove = async () => {
    const original = props.original;
    if (!original) return;
    const ok = await edit.change(() => labApi.devices.remove({ name: original }), `Removed ${original}.`);
    if (ok) props.onDone();
  };

  return (
    <Panel title={props.original ? `Edit device ${props.original}` : 'Add a device'} testId="device-editor">
      {secrets.loadError && <div className="field-error">{secrets.loadError}</div>}
      <div className="edit-form">
        <div className="form-grid">
          <TextField
            label="Name"
            value={name}
            onChange={setName}
            error={edit.fieldError('name')}
            testId="device-name"
          />
          <TextField
            label="Source address or prefix (CIDR)"
            value={match}
            onChange={setMatch}
            placeholder="10.0.0.1/32"
            error={edit.fieldError('match')}
            testId="device-match"
          />
          <label className="field">
            Vendor (for snippets)
            <select value={vendor} data-testid="device-vendor" onChange={(e) => setVendor(e.target.value)}>
              <option value="">not set</option>
              {platforms.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
              {vendor && !platforms.some((p) => p.id === vendor) && <option value={vendor}>{vendor}</option>}
            </select>
          </label>
          <label className="field">
            Message-Authenticator on Access-Request
            <select value={ma} data-testid="device-ma" onChange={(e) => setMa(e.target.value as MA)}>
              <option value="default">lab default (radius.requireMessageAuthenticator)</option>
              <option value="true">required (discard without a valid one)</option>
              <option value="auto">auto (required once one has been seen)</option>
              <option value="false">verified when present</option>
            </select>
            {edit.fieldError('requireMessageAuthenticator') && (
              <span className="field-error">{edit.fieldError('requireMessageAuthenticator')}</span>
            )}
          </label>
        </div>
        <div className="form-grid">
          {SECRETS.map(([k, label]) => (
            <SecretField
              key={k}
              label={label}
              state={secrets.states[k]}
              revealed={secrets.revealed}
              error={edit.fieldError(k)}
              testId={`device-${k}`}
              onChange={(s) => secrets.set(k, s)}
            />
          ))}
        </div>
        <EditorActions
          what="device"
          original={props.original}
          busy={edit.busy}
          onSave={() => void save()}
          onCancel={() => props.onDone(props.original)}
          reveal={secrets}
          removeQuestion={`Remove ${props.original}? Its requests will be refused as an unknown client.`}
          onRemove={() => void remove()}
        />
        <EditStatus edit={edit} shown={FIELDS} />
      </div>
    </Panel>
  );
}
