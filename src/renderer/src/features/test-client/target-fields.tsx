import type { ReactNode } from 'react';
import { TextField } from '../../components/edit/text-field';

/** Where a Test client request goes; every protocol's form starts with it. */
export interface Target {
  host: string;
  port: string;
  secret: string;
}

/**
 * Server, port and shared secret, inside the form's first grid. `noSecret` replaces the secret
 * field with why there is none (TACACS+ over TLS).
 */
export function TargetFields(props: { f: Target; set(p: Partial<Target>): void; noSecret?: ReactNode }) {
  const { f, set } = props;
  return (
    <>
      <TextField label="Server" value={f.host} onChange={(host) => set({ host })} required />
      <TextField label="Port" type="number" value={f.port} onChange={(port) => set({ port })} required />
      {props.noSecret ? (
        props.noSecret
      ) : (
        <TextField
          label="Shared secret"
          type="password"
          value={f.secret}
          onChange={(secret) => set({ secret })}
        />
      )}
    </>
  );
}

/** How long to wait for each reply and how often to resend (RADIUS over UDP), plus any options. */
export function RetryFields(props: {
  f: { timeoutMs: string; retries: string };
  set(p: { timeoutMs?: string; retries?: string }): void;
  timeoutLabel?: string;
  children?: ReactNode;
}) {
  const { f, set } = props;
  return (
    <div className="form-row">
      <TextField
        label={props.timeoutLabel ?? 'Timeout (ms)'}
        type="number"
        value={f.timeoutMs}
        onChange={(timeoutMs) => set({ timeoutMs })}
      />
      <TextField label="Retries" type="number" value={f.retries} onChange={(retries) => set({ retries })} />
      {props.children}
    </div>
  );
}
