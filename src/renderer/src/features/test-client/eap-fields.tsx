import { useRef } from 'react';
import { AreaField, SelectField } from '../../components/edit/fields';
import { TextField } from '../../components/edit/text-field';
import { RetryFields, TargetFields } from './target-fields';
import { EAP_METHODS, usesTls, usesTunnel, type EapForm } from './eap-forms';

type Patch = (p: Partial<EapForm>) => void;

/**
 * 802.1X as a supplicant over RADIUS (client.eap): method, outer and inner identity, the server
 * certificate check (CA and name), EAP-TLS's client certificate, TLS version and fragment size.
 */
export function EapFields({ f, set }: { f: EapForm; set: Patch }) {
  const tls = usesTls(f.method);
  return (
    <div className="client-form" data-testid="eap-form">
      <div className="form-grid">
        <SelectField
          label="EAP method"
          value={f.method}
          options={EAP_METHODS}
          onChange={(method) => set({ method })}
        />
        <TargetFields f={f} set={set} />
      </div>
      <div className="form-grid">
        {usesTunnel(f.method) && (
          <TextField
            label="Outer identity"
            value={f.outerIdentity}
            placeholder="anonymous"
            onChange={(outerIdentity) => set({ outerIdentity })}
          />
        )}
        <TextField
          label={usesTunnel(f.method) ? 'Inner user' : f.method === 'tls' ? 'Identity' : 'User'}
          value={f.user}
          onChange={(user) => set({ user })}
        />
        {f.method !== 'tls' && (
          <TextField
            label="Password"
            type="password"
            value={f.password}
            onChange={(password) => set({ password })}
          />
        )}
      </div>
      {tls && (
        <>
          <div className="form-grid">
            <TextField
              label="Server name (certificate must carry it)"
              value={f.serverName}
              placeholder="radius.example.net"
              onChange={(serverName) => set({ serverName })}
            />
            <SelectField
              label="Highest TLS version"
              value={f.tlsMaxVersion}
              options={[
                ['1.3', 'TLS 1.3'],
                ['1.2', 'TLS 1.2'],
              ]}
              onChange={(tlsMaxVersion) => set({ tlsMaxVersion })}
            />
            <TextField
              label="Fragment size (bytes)"
              type="number"
              value={f.fragmentSize}
              onChange={(fragmentSize) => set({ fragmentSize })}
            />
          </div>
          <PemField
            label="CA certificate (PEM) the server certificate must chain to; empty: not checked"
            value={f.ca}
            onChange={(ca) => set({ ca })}
          />
        </>
      )}
      {f.method === 'tls' && (
        <div className="form-grid eap-pem-pair">
          <PemField label="Client certificate (PEM)" value={f.cert} onChange={(cert) => set({ cert })} />
          <PemField label="Client private key (PEM)" value={f.key} onChange={(key) => set({ key })} />
        </div>
      )}
      <RetryFields f={f} set={set} timeoutLabel="Timeout per round (ms)" />
    </div>
  );
}

/** PEM text, pasted or read from a file the user picks (the engine never reads a path we name). */
function PemField(props: { label: string; value: string; onChange(v: string): void }) {
  const file = useRef<HTMLInputElement>(null);
  return (
    <div className="eap-pem">
      <AreaField
        label={props.label}
        rows={2}
        value={props.value}
        placeholder="-----BEGIN …-----"
        onChange={props.onChange}
      />
      <input
        ref={file}
        type="file"
        hidden
        aria-label={`${props.label}: file`}
        accept=".pem,.crt,.cer,.key,text/plain"
        onChange={(e) => {
          const picked = e.target.files?.[0];
          if (picked) void picked.text().then(props.onChange);
          e.target.value = '';
        }}
      />
      <button type="button" className="btn small" onClick={() => file.current?.click()}>
        Load file…
      </button>
    </div>
  );
}
