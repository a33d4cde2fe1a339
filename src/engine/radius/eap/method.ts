import type { Credentials } from '../../backends/types';
import type { Decision } from '../../policy/decision';
import type { FieldNode } from '../../packet-view';

/**
 * The seam between the EAP conversation (RADIUS side: Identity, NAK, State, Access-Challenge,
 * EAP-Success/Failure, MPPE keys) and one EAP method (MD5, GTC, EAP-TLS, PEAP, TTLS). A method
 * sees only its own Type-Data: the conversation owns codes, identifiers and the outer framing.
 */

/** RFC 3748 §4: EAP codes. */
export const EAP_CODE = { Request: 1, Response: 2, Success: 3, Failure: 4 } as const;

/** RFC 3748 §5 and the IANA registry: the types this lab knows. */
export const EAP_TYPE = {
  Identity: 1,
  Notification: 2,
  Nak: 3,
  MD5: 4,
  GTC: 6,
  TLS: 13,
  TTLS: 21,
  PEAP: 25,
  MSCHAPv2: 26,
  Extensions: 33,
} as const;

/** The method names of the lab file's `radius.eap.methods`, in the lab's order of preference. */
export type EapMethodName = 'md5' | 'gtc' | 'tls' | 'peap' | 'ttls';

/** An inner (tunnelled) message, decrypted because the lab terminates the tunnel: a child record of
 * the outer packet in the trace. Secrets in `tree` carry `secret: true` and are masked by the store
 * unless `trace.showSecrets`. Offsets in `tree` are into `bytes` (the inner plaintext). `tree` may be
 * a function of those bytes, so the trace builds it only when someone opens the record. */
export interface InnerMessage {
  direction: 'in' | 'out';
  /** "EAP-MSCHAPv2 Response (user alice)", "TTLS AVPs: User-Name, User-Password". */
  summary: string;
  bytes: Buffer;
  tree: FieldNode[] | ((bytes: Buffer) => FieldNode[]);
}

/** An inner message's field tree, built now if it was deferred. */
export function innerTree(m: Pick<InnerMessage, 'tree'>, bytes: Buffer): FieldNode[] {
  return typeof m.tree === 'function' ? m.tree(bytes) : m.tree;
}

/** TLS material for the tunnelled methods, resolved from `radius.eap` (paths already read). */
export interface EapTlsSettings {
  cert: Buffer;
  key: Buffer;
  /** EAP-TLS client certificates must chain to this CA. */
  ca?: Buffer;
  minVersion: 'TLSv1.2' | 'TLSv1.3';
  maxVersion: 'TLSv1.2' | 'TLSv1.3';
  /** Largest TLS payload per EAP-Request (the L/M/S fragment size); default 1020. */
  fragmentSize: number;
  /** EAP-TLS: which part of the client certificate names the user. */
  identityFromCertificate: 'cn' | 'san-email' | 'san-dns' | 'san-upn';
  /** Re-authentications may resume the TLS session (session ID, RFC 5077 ticket, TLS 1.3 PSK). */
  resumption: boolean;
  /** PEAP: a resumed session whose inner authentication succeeded skips the inner method. */
  fastReconnect: boolean;
  /** Where the tunnels' TLS key log lines go (NSS format; secret: kept in memory, never logged). */
  keylog?: (line: Buffer) => void;
}

/** What a method asks of the lab: the same policy and backends as PAP/CHAP/MS-CHAP today. */
export interface EapPolicy {
  /** Checks credentials (password for GTC/TTLS-PAP, challenge for MD5/CHAP/MS-CHAP*) and decides. */
  authenticate(username: string, credentials: Credentials): Promise<Decision>;
  /** The user is already established, by `evidence` (EAP-TLS: the verified certificate's subject;
   * PEAP fast reconnect: the resumed TLS session): decide for that user without a credential. */
  authorizeIdentity(identity: string, evidence: string): Promise<Decision>;
}

export interface EapMethodContext {
  /** The identity from EAP-Response/Identity (the outer identity for PEAP/TTLS, e.g. "anonymous"). */
  outerIdentity: string;
  policy: EapPolicy;
  /** Present when `radius.eap` has a certificate; the TLS-based methods refuse to start without it. */
  tls?: EapTlsSettings;
  /** Records a decrypted inner message (PEAP's EAP-MSCHAPv2, TTLS's AVPs). */
  inner(message: InnerMessage): void;
  /**
   * The EAP Identifier the method's current exchange is about (EAP-MD5 hashes it, RFC 3748 §5.4):
   * in start(), the one its first EAP-Request will carry; in step(), the one of the response being
   * handled (equal to the EAP-Request it answers).
   */
  identifier(): number;
}

/** What a method answers to each response. */
export type MethodStep =
  /** Send an EAP-Request of the method's type with this Type-Data (Access-Challenge). */
  | { kind: 'request'; typeData: Buffer; summary?: string }
  /** Authenticated: EAP-Success in an Access-Accept. `msk` (64 bytes, RFC 5247) becomes the
   * MS-MPPE-Recv-Key (first 32 bytes) and MS-MPPE-Send-Key (next 32) in the Accept. */
  | { kind: 'success'; decision: Decision; msk?: Buffer }
  /** Refused: EAP-Failure in an Access-Reject; `decision.reasons` says which step failed and why. */
  | { kind: 'failure'; decision: Decision };

/** One method's run inside one conversation. Not re-entrant: the conversation awaits each step. */
export interface EapMethodSession {
  readonly type: number;
  /** "EAP-MD5", "PEAP", "EAP-TTLS", "EAP-TLS", "EAP-GTC". */
  readonly name: string;
  /** The first EAP-Request's Type-Data, once Identity (and any NAK) chose this method. */
  start(): Promise<MethodStep>;
  /** The peer's EAP-Response Type-Data for this method (already reassembled from RADIUS). */
  step(typeData: Buffer): Promise<MethodStep>;
  /** Releases sockets and timers (conversation ended, expired or evicted). Idempotent. */
  close(): void;
}

/**
 * Creates a method's session for one conversation. The conversation puts "EAP method <name>" after
 * the device step of every Decision it is handed; a method adds its own tunnel and inner steps.
 */
export type EapMethodFactory = (ctx: EapMethodContext) => EapMethodSession;
