import type { Endpoint, TraceInput, TraceSink } from '../../trace/types';

/** What a TACACS+ trace record needs from the connection it was seen on. */
export interface TraceEnv {
  ctx: { trace: TraceSink };
  device: { device: { name: string } };
  transport: 'tcp' | 'tls';
  local: Endpoint;
  remote: Endpoint;
}

/**
 * Appends a TACACS+ packet to the trace, always building the record in this one shape (no spread
 * copies): the trace store reads every record's fields, and one hidden class keeps those reads
 * monomorphic. Returns the record's id.
 */
export function traceRecord(
  env: TraceEnv,
  direction: 'in' | 'out',
  bytes: Uint8Array,
  sessionId: TraceInput['sessionId'],
  summary: string,
  dissection: TraceInput['dissection'],
  user: string | undefined,
  result?: TraceInput['result'],
  replyTo?: number,
  decision?: TraceInput['decision'],
  diagnosis?: string,
  secretOf?: string,
): number {
  return env.ctx.trace.append({
    protocol: 'tacacs',
    transport: env.transport,
    local: env.local,
    remote: env.remote,
    role: 'server',
    direction,
    device: env.device.device.name,
    user,
    sessionId,
    summary,
    result,
    bytes,
    dissection,
    decision,
    replyTo,
    diagnosis,
    secretOf,
  });
}
