import type { LoadedLab } from './config/loaded-lab';
import type { Metrics } from './metrics/registry';
import type { Policy } from './policy/policy';
import type { AccountingSink } from './store/types';
import type { TraceSink } from './trace/types';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/**
 * What every protocol server gets from the composition root (lab.ts). `lab()` and `policy()` are
 * functions because a reload swaps them: read them per request, never cache them across requests.
 */
export interface EngineContext {
  lab(): LoadedLab;
  policy(): Policy;
  trace: TraceSink;
  accounting: AccountingSink;
  metrics: Metrics;
  log: Logger;
}

export interface ListenerInfo {
  service: 'tacacs' | 'tacacs-tls' | 'radius-auth' | 'radius-acct' | 'radsec' | 'coa' | 'web';
  transport: 'udp' | 'tcp' | 'tls';
  address: string;
  port: number;
}

/** A network service the engine starts and stops. stop() must release every socket and timer. */
export interface Service {
  readonly name: string;
  start(): Promise<ListenerInfo[]>;
  stop(): Promise<void>;
}

/**
 * The network services a lab runs. `section` is the part of the lab file a service's sockets depend
 * on: a reload restarts a service only when its section changed (users, devices and groups are read
 * per request and need no restart).
 */
export interface ServiceFactory {
  name: string;
  section(lab: LoadedLab): unknown;
  create(ctx: EngineContext, lab: LoadedLab): Service | undefined;
}

/** Raised by a service whose port cannot be bound; lab.ts turns it into a user-facing message. */
export class ListenError extends Error {
  constructor(
    readonly code: string,
    readonly address: string,
    readonly port: number,
    readonly service: string,
  ) {
    super(listenMessage(code, address, port, service));
    this.name = 'ListenError';
  }
}

function listenMessage(code: string, address: string, port: number, service: string): string {
  if (code === 'EADDRINUSE')
    return `${service}: ${address}:${port} is already in use (another server running?)`;
  if (code === 'EACCES')
    return `${service}: port ${port} is privileged; use a port above 1023 (e.g. 4949 for TACACS+) or grant the capability: sudo setcap 'cap_net_bind_service=+ep' "$(command -v node)"`;
  if (code === 'EADDRNOTAVAIL') return `${service}: ${address} is not an address of this machine`;
  return `${service}: cannot listen on ${address}:${port} (${code})`;
}
