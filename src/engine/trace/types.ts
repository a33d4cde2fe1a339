import type { FieldNode, TraceResult } from '../packet-view';

export type TraceProtocol = 'tacacs' | 'radius' | 'radius-acct' | 'coa' | 'radsec';

export interface Endpoint {
  address: string;
  port: number;
}

/** A record's decision: the sink keeps one shared copy of equal ones, so it is read-only. */
export interface TraceDecision {
  readonly allow: boolean;
  readonly reasons: readonly string[];
}

/**
 * Builds a record's field tree from its wire bytes and, for a reply, the bytes of the request it
 * answers (absent once the ring has dropped that request).
 */
export type Dissector = (bytes: Uint8Array, request?: Uint8Array) => FieldNode[];

/** What a protocol server or client hands the trace store for every packet in or out. */
export interface TraceInput {
  protocol: TraceProtocol;
  direction: 'in' | 'out';
  transport: 'udp' | 'tcp' | 'tls';
  /** Our side of the exchange (server listener or client socket). */
  local: Endpoint;
  remote: Endpoint;
  /** Which side of the exchange we are: server (lab listener) or client (test client). */
  role: 'server' | 'client';
  device?: string;
  user?: string;
  /**
   * TACACS+ session_id or RADIUS "id=17"; used to link request and reply. A number is a 32-bit
   * TACACS+ session_id, kept as a number in the ring and shown as `sessionIdText` formats it (the
   * hot path then makes no string per session).
   */
  sessionId?: string | number;
  /** One line: "Authen START PAP alice", "Access-Accept id=17". */
  summary: string;
  result?: TraceResult;
  /** The whole packet as it was on the wire (obfuscated/encrypted as sent). */
  bytes: Uint8Array;
  /**
   * The field tree, or a thunk that builds it from the wire bytes. A thunk is run at most once, the
   * first time the record is read (trace.get, exports), so the hot path never builds trees nobody
   * opens. It is handed the record's bytes, so it should capture only how to find the key (never a
   * decoded cleartext secret, and better not the bytes: the store keeps its own copy); it may throw
   * (the store shows the error instead).
   */
  dissection?: FieldNode[] | Dissector;
  decision?: TraceDecision;
  /** Id of the request record this packet answers; the store computes latency from it. */
  replyTo?: number;
  /** Id of the outer packet this record is part of: EAP's decrypted inner messages (PEAP, TTLS)
   * are child records of the RADIUS packet that carried them. */
  parent?: number;
  duplicate?: boolean;
  retransmit?: boolean;
  /** Human diagnosis: "unknown client 127.0.0.9", "decodes with the secret of device lab-alt …". */
  diagnosis?: string;
  /** Secret that decodes `bytes`, kept only so pcap export / tshark instructions can name its device. */
  secretOf?: string;
}

export interface TraceSink {
  /** Records a packet and returns its id (monotonic within a run). Never throws. */
  append(input: TraceInput): number;
  /** Keeps one TLS key log line of an EAP tunnel (see tls-keys.ts); sinks without a store drop it. */
  tlsKeyLog?(line: Buffer): void;
}

/** A TraceInput's dissection as a tree: runs a thunk; a thunk that throws yields one error node. */
export function resolveDissection(
  d: TraceInput['dissection'],
  bytes: Uint8Array,
  request?: Uint8Array,
): FieldNode[] {
  if (typeof d !== 'function') return d ?? [];
  const length = bytes.length;
  try {
    return d(bytes, request);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return [{ label: 'Dissection failed', value: message, offset: 0, length, severity: 'error' }];
  }
}
