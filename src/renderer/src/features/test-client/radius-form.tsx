import type { PresetDto } from '../../../../contract/test-client';
import type { RadiusCode, RadiusForm } from './forms';
import { AreaField, Check, SelectField } from '../../components/edit/fields';
import { TextField } from '../../components/edit/text-field';
import { RetryFields, TargetFields } from './target-fields';

type Patch = (p: Partial<RadiusForm>) => void;

const CODES: ReadonlyArray<readonly [RadiusCode, string]> = [
  ['auth', 'Access-Request'],
  ['acct', 'Accounting-Request'],
  ['coa', 'CoA-Request'],
  ['disconnect', 'Disconnect-Request'],
  ['status', 'Status-Server'],
];

/** RADIUS request fields: code, target, credentials, vendor CoA preset and radclient-style attributes. */
export function RadiusFields(props: {
  f: RadiusForm;
  set: Patch;
  onCode(code: RadiusCode): void;
  presets: readonly PresetDto[];
}) {
  const { f, set } = props;
  const dynamic = f.code === 'coa' || f.code === 'disconnect';
  const presets = props.presets.filter((p) => p.code === f.code);
  const chosen = props.presets.find((p) => p.name === f.preset);
  const uses = (arg: string) => chosen?.args.includes(arg) ?? false;
  return (
    <div className="client-form" data-testid="radius-form">
      <div className="form-grid">
        <SelectField label="Request" value={f.code} options={CODES} onChange={props.onCode} />
        <TargetFields f={f} set={set} />
      </div>
      {f.code !== 'status' && (
        <div className="form-grid">
          <TextField label="User-Name" value={f.user} onChange={(user) => set({ user })} />
          {f.code === 'auth' && (
            <>
              <TextField
                label="Password"
                type="password"
                value={f.password}
                onChange={(password) => set({ password })}
              />
              <SelectField
                label="Method"
                value={f.method}
                options={[
                  ['pap', 'PAP'],
                  ['chap', 'CHAP'],
                  ['mschapv2', 'MS-CHAPv2'],
                ]}
                onChange={(method) => set({ method })}
              />
            </>
          )}
          {f.code === 'acct' && (
            <SelectField
              label="Acct-Status-Type"
              value={f.acctStatus}
              options={['Start', 'Interim-Update', 'Stop', 'Accounting-On', 'Accounting-Off']}
              onChange={(acctStatus) => set({ acctStatus })}
            />
          )}
          {dynamic && (
            <SelectField
              label="Vendor preset"
              value={f.preset}
              options={[
                ['', 'none (attributes below)'] as const,
                ...presets.map((p) => [p.name, p.name] as const),
              ]}
              onChange={(preset) => set({ preset })}
            />
          )}
        </div>
      )}
      {dynamic && chosen && (
        <>
          <div className="meta">{chosen.description}</div>
          <div className="form-grid">
            {uses('session') && (
              <TextField label="Acct-Session-Id" value={f.session} onChange={(session) => set({ session })} />
            )}
            {uses('mac') && (
              <TextField label="Calling-Station-Id" value={f.mac} onChange={(mac) => set({ mac })} />
            )}
            {uses('framedIp') && (
              <TextField
                label="Framed-IP-Address"
                value={f.framedIp}
                onChange={(framedIp) => set({ framedIp })}
              />
            )}
            {(uses('service') || uses('role')) && (
              <TextField label="Service / role" value={f.service} onChange={(service) => set({ service })} />
            )}
          </div>
        </>
      )}
      {f.code !== 'status' && (
        <AreaField
          label="Attributes (radclient syntax, one or more per line)"
          value={f.attributes}
          placeholder={'NAS-IP-Address = 127.0.0.1\nCisco-AVPair = "shell:priv-lvl=15"'}
          onChange={(attributes) => set({ attributes })}
        />
      )}
      <RetryFields f={f} set={set}>
        <Check
          label="Message-Authenticator"
          checked={f.messageAuthenticator}
          onChange={(messageAuthenticator) => set({ messageAuthenticator })}
        />
      </RetryFields>
    </div>
  );
}
