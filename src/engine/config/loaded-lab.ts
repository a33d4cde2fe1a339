import type { LabConfig } from './schema';
import type { DeviceIndex } from '../policy/devices';

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  ca?: Buffer;
  /** Absolute paths, for messages. */
  paths: { cert: string; key: string; ca?: string };
}

export interface ConfigIssue {
  /** "devices[1].match" */
  path: string;
  message: string;
  /** 1-based line in the lab file where known. */
  line?: number;
  severity: 'error' | 'warning';
}

/** A validated lab file with everything derived from it that servers need. Immutable: reload swaps it. */
export interface LoadedLab {
  config: LabConfig;
  /** Absolute path of the lab file, undefined for the built-in default. */
  path?: string;
  baseDir: string;
  /** The YAML text as loaded (for the editor and for saving). */
  source: string;
  /** Files read and paths resolved against the lab file's directory. */
  tls: { tacacs?: TlsMaterial; radsec?: TlsMaterial; eap?: TlsMaterial; web?: TlsMaterial };
  devices: DeviceIndex;
  warnings: ConfigIssue[];
  /** Notices for the user, e.g. "TACACS+ port 49 needs privileges: listening on 4949". */
  notices: string[];
}
