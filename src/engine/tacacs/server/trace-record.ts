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

/**
 * One TACACS+ packet's own trace fields, by name; the connection supplies the rest. Every key is
 * present and written in this order, so every call hands `traceRecord` one hidden class (a mix
 * of shapes made its reads megamorphic: ~10% more CPU per authentication in bench/tacacs-handler.ts).
 */
export interface TacacsTrace {
  direction: 'in' | 'out';
  bytes: Uint8Array;
  /** The 32-bit session_id (kept as a number: the ring formats it when read). */
  sessionId: number | undefined;
  summary: string;
  dissection: TraceInput['dissection'];
  user: string | undefined;
  result: TraceResult | undefined;
  replyTo: number | undefined;
  decision: TraceDecision | undefined;
  diagnosis: string | undefined;
  secretOf: string | undefined;
}

/** The off-path records (refusals, timeouts) name only what they have; absent fields are undefined. */
export function traceNote(
  env: TraceEnv,
  n: Pick<TacacsTrace, 'direction' | 'bytes' | 'summary'> & Partial<TacacsTrace>,
): number {
  return traceRecord(env, {
    direction: n.direction,
    bytes: n.bytes,
    sessionId: n.sessionId,
    summary: n.summary,
    dissection: n.dissection,
    user: n.user,
    result: n.result,
    replyTo: n.replyTo,
    decision: n.decision,
    diagnosis: n.diagnosis,
    secretOf: n.secretOf,
  });
}

/**
 * Appends a TACACS+ packet to the trace and returns its id. The record is always built here, in
 * one key order with every key present: the trace store reads every record's fields, and one
 * hidden class keeps those reads monomorphic.
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
