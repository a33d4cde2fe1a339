import { useState } from 'react';
import type { DeviceDetail } from '../../../../contract/lab-edit';
import { labApi } from '../../api';
import { EditStatus } from '../../components/edit/edit-status';
import { EditorActions } from '../../components/edit/editor-actions';
import { SelectField } from '../../components/edit/fields';
import { SecretFields } from '../../components/edit/secret-fields';
import { TextField } from '../../components/edit/text-field';
import { useLabEdit } from '../../components/edit/use-lab-edit';
import { useEditableSecrets } from '../../components/edit/use-editable-secrets';
import { Panel } from '../../components/panel';
import { platforms } from '../../lib/switch-config';

type MA = 'default' | 'true' | 'auto' | 'false';
const MA_OPTIONS: ReadonlyArray<readonly [MA, string]> = [
  ['default', 'lab default (radius.requireMessageAuthenticator)'],
  ['true', 'required (discard without a valid one)'],
  ['auto', 'auto (required once one has been seen)'],
  ['false', 'verified when present'],
];
/** The snippet platforms, and a vendor the lab file names that we have no snippets for. */
const vendorOptions = (vendor: string): ReadonlyArray<readonly [string, string]> => [
  ['', 'not set'],
  ...platforms.map((p) => [p.id, p.label] as const),
  ...(vendor && !platforms.some((p) => p.id === vendor) ? [[vendor, vendor] as const] : []),
];
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
          <SelectField
            label="Vendor (for snippets)"
            value={vendor}
            options={vendorOptions(vendor)}
            testId="device-vendor"
            onChange={setVendor}
          />
          <SelectField
            label="Message-Authenticator on Access-Request"
            value={ma}
            options={MA_OPTIONS}
            testId="device-ma"
            error={edit.fieldError('requireMessageAuthenticator')}
            onChange={setMa}
          />
        </div>
        <SecretFields what="device" fields={SECRETS} secrets={secrets} error={edit.fieldError} />
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
