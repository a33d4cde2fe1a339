import type { TacacsForm } from './forms';
import { AreaField, Check, SelectField } from '../../components/edit/fields';
import { TextField } from '../../components/edit/text-field';
import { TargetFields } from './target-fields';

type Patch = (p: Partial<TacacsForm>) => void;

/** TACACS+ request fields (RFC 8907): authentication START, authorization REQUEST, accounting REQUEST. */
export function TacacsFields({ f, set }: { f: TacacsForm; set: Patch }) {
  return (
    <div className="client-form" data-testid="tacacs-form">
      <div className="form-grid">
        <SelectField
          label="Operation"
          value={f.op}
          options={[
            ['authenticate', 'Authenticate'],
            ['authorize', 'Authorize'],
            ['account', 'Account'],
          ]}
          onChange={(op) => set({ op })}
        />
        <TargetFields
          f={f}
          set={set}
          noSecret={f.tls ? <span className="meta">TLS 1.3: no shared secret (RFC 9887)</span> : undefined}
        />
      </div>
      <div className="form-grid">
        <TextField label="User" value={f.user} onChange={(user) => set({ user })} />
        {f.op === 'authenticate' && (
          <>
            <TextField
              label="Password"
              type="password"
              value={f.password}
              onChange={(password) => set({ password })}
            />
            <SelectField
              label="Type"
              value={f.type}
              options={['ascii', 'pap', 'chap', 'mschap', 'mschapv2'] as const}
              onChange={(type) => set({ type })}
            />
            <SelectField
              label="Service"
              value={f.service}
              options={['login', 'enable'] as const}
              onChange={(service) => set({ service })}
            />
          </>
        )}
        {f.op === 'account' && (
          <SelectField
            label="Record"
            value={f.acctFlags}
            options={['start', 'stop', 'watchdog', 'watchdog-update'] as const}
            onChange={(acctFlags) => set({ acctFlags })}
          />
        )}
        <TextField
          label="priv_lvl"
          type="number"
          value={f.privLvl}
          onChange={(privLvl) => set({ privLvl })}
        />
        <TextField label="rem_addr" value={f.remAddr} onChange={(remAddr) => set({ remAddr })} />
        <TextField
          label="NAS port (port field)"
          value={f.portName}
          onChange={(portName) => set({ portName })}
        />
        <TextField
          label="Timeout (ms)"
          type="number"
          value={f.timeoutMs}
          onChange={(timeoutMs) => set({ timeoutMs })}
        />
      </div>
      {f.op !== 'authenticate' && (
        <AreaField
          label="AV pairs or command lines, one per line (service=shell is added if absent)"
          value={f.args}
          placeholder={'show running-config\n# or AV pairs: cmd=show, cmd-arg=version'}
          onChange={(args) => set({ args })}
        />
      )}
      <div className="form-row">
        <Check
          label="single-connect"
          checked={f.singleConnect}
          onChange={(singleConnect) => set({ singleConnect })}
        />
        <Check label="TLS 1.3" checked={f.tls} onChange={(tls) => set({ tls })} />
      </div>
      {f.tls && (
        <div className="form-grid">
          <TextField label="CA file (PEM)" value={f.tlsCa} onChange={(tlsCa) => set({ tlsCa })} />
          <TextField
            label="Client certificate file"
            value={f.tlsCert}
            onChange={(tlsCert) => set({ tlsCert })}
          />
          <TextField label="Client key file" value={f.tlsKey} onChange={(tlsKey) => set({ tlsKey })} />
        </div>
      )}
    </div>
  );
}
