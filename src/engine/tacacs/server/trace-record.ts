import type { TraceResult } from '../../packet-view';
import type { Endpoint, TraceDecision, TraceInput, TraceSink } from '../../trace/types';

/** What a TACACS+ trace record needs from the connection it was seen on. */
export interface TraceEnv {
  ctx: { trace: TraceSink };
  device: { device: { name: string } };
  transport: 'tcp' | 'tls';
  local: Endpoint;
  remote: Endpoint;
}

/** One TACACS+ packet's own trace fields, by name; the connection supplies the rest. */
export interface TacacsTrace {
  direction: 'in' | 'out';
  bytes: Uint8Array;
  summary: string;
  /** The 32-bit session_id (kept as a number: the ring formats it when read). */
  sessionId?: number;
  dissection?: TraceInput['dissection'];
  user?: string;
  result?: TraceResult;
  replyTo?: number;
  decision?: TraceDecision;
  diagnosis?: string;
  secretOf?: string;
}

/**
 * Appends a TACACS+ packet to the trace and returns its id. The record is always built here, in
 * this one key order with every key present: the trace store reads every record's fields, and one
 * hidden class keeps those reads monomorphic whatever subset of fields a caller names.
 */
export function traceRecord(env: TraceEnv, t: TacacsTrace): number {
  return env.ctx.trace.append({
    protocol: 'tacacs',
    transport: env.transport,
    local: env.local,
    remote: env.remote,
    role: 'server',
    direction: t.direction,
    device: env.device.device.name,
    user: t.user,
    sessionId: t.sessionId,
    summary: t.summary,
    result: t.result,
    bytes: t.bytes,
    dissection: t.dissection,
    decision: t.decision,
    replyTo: t.replyTo,
    diagnosis: t.diagnosis,
    secretOf: t.secretOf,
  });
}
