import { Buffer } from 'node:buffer';
import { constants } from 'node:crypto';
import tls from 'node:tls';
import type { EapTlsSettings } from '../method';
import { explainTlsError } from './alerts';
import { decodeTlsTypeData, encodeTlsTypeData, fragment, type TlsTypeData } from './fragments';
import { exportKeys, type KeyingMaterial, type TunnelMethod } from './keys';
import { Reassembler } from './reassembler';
import { FastReconnectCache, type ReconnectEntry } from './fast-reconnect';
import { TlsSessionCache } from './session-cache';
import { tlsSessionKey } from './session-key';
import { TlsEngine } from './tls-engine';

/**
 * The TLS tunnel of one EAP-TLS/PEAP/TTLS conversation: EAP Type-Data in, Type-Data out, with the
 * RFC 5216 §2.1.5 fragmentation both ways and explicit limits. Methods drive it: `receive` each
 * response; when it reports a whole TLS message, read application data, `write` any, then `flush`.
 */
export interface TunnelLimits {
  /** Largest reassembled TLS message from the peer (a client certificate chain fits easily). */
  maxMessage: number;
  /** Responses one tunnel accepts (every fragment and ACK is one). */
  maxRounds: number;
}

export const DEFAULT_TUNNEL_LIMITS: TunnelLimits = { maxMessage: 64 * 1024, maxRounds: 100 };

export type TunnelEvent =
  /** The tunnel answered on its own: an ACK of a peer fragment, or our next fragment. */
  | { kind: 'send'; typeData: Buffer; summary: string }
  /** The peer sent an empty response after our last whole message: an ACK (or the EAP-TLS 1.3 end). */
  | { kind: 'acked' }
  /** A whole TLS message from the peer went through TLS; `app` is what it decrypted to. */
  | { kind: 'message'; app: Buffer[]; fragments: number }
  | { kind: 'failed'; reason: string };

export interface TunnelOptions {
  method: TunnelMethod;
  settings: EapTlsSettings;
  requestCert: boolean;
  /** PEAP/TTLS version bits in the Flags byte (0 for EAP-TLS, PEAPv0, TTLSv0). */
  version?: number;
  limits?: Partial<TunnelLimits>;
}

export class TlsTunnel {
  readonly engine: TlsEngine;
  private readonly reassembler: Reassembler;
  private readonly limits: TunnelLimits;
  private readonly version: number;
  private readonly reconnects: FastReconnectCache | undefined;
  private pending: TlsTypeData[] = [];
  private rounds = 0;

  constructor(private readonly opts: TunnelOptions) {
    this.limits = { ...DEFAULT_TUNNEL_LIMITS, ...opts.limits };
    this.version = opts.version ?? 0;
    this.reassembler = new Reassembler(this.limits.maxMessage);
    const { ctx, sessions, reconnects } = secureContextFor(opts.settings, opts.method, opts.requestCert);
    this.reconnects = reconnects;
    this.engine = new TlsEngine({
      secureContext: ctx,
      requestCert: opts.requestCert,
      sessions,
      keylog: opts.settings.keylog,
    });
  }

  /** The Start request of this tunnel's method and version (see tlsStart). */
  start(): Buffer {
    return tlsStart(this.version);
  }

  get handshakeDone(): boolean {
    return this.engine.handshakeDone;
  }

  get protocol(): string | null {
    return this.engine.socket.getProtocol();
  }

  async receive(typeData: Buffer): Promise<TunnelEvent> {
    if (++this.rounds > this.limits.maxRounds)
      return { kind: 'failed', reason: `more than ${this.limits.maxRounds} TLS rounds in one conversation` };
    let f: TlsTypeData;
    try {
      f = decodeTlsTypeData(typeData);
    } catch (e) {
      return {
        kind: 'failed',
        reason: `malformed ${this.opts.method.toUpperCase()} response: ${(e as Error).message}`,
      };
    }
    if (f.data.length === 0 && !f.more && !this.reassembler.inProgress) {
      const next = this.pending.shift();
      if (next) return { kind: 'send', typeData: encodeTlsTypeData(next), summary: fragmentSummary(next) };
      return { kind: 'acked' };
    }
    if (this.pending.length)
      return {
        kind: 'failed',
        reason: `the supplicant sent TLS data while ${this.pending.length} of our fragments were still unacknowledged`,
      };
    let done;
    try {
      done = this.reassembler.add(f);
    } catch (e) {
      return { kind: 'failed', reason: `TLS fragment reassembly: ${(e as Error).message}` };
    }
    if (done.kind === 'partial') {
      const ack = { more: false, start: false, version: this.version, data: Buffer.alloc(0) };
      return {
        kind: 'send',
        typeData: encodeTlsTypeData(ack),
        summary: `ACK of fragment (${done.received}${done.expected !== undefined ? `/${done.expected}` : ''} bytes)`,
      };
    }
    await this.engine.feed(done.message);
    const err = this.engine.error;
    if (err) return { kind: 'failed', reason: explainTlsError(err) };
    return { kind: 'message', app: this.engine.takeAppData(), fragments: done.fragments };
  }

  /** Encrypts application data into the tunnel (sent by the next `flush`). */
  async write(data: Buffer): Promise<void> {
    await this.engine.write(data);
  }

  /** The next request's Type-Data with what TLS has to send (first fragment; the rest on ACKs), or
   * undefined when TLS has nothing to send. */
  flush(): { typeData: Buffer; summary: string } | undefined {
    const out = this.engine.takeOutput();
    if (out.length === 0) return undefined;
    const parts = fragment(out, this.opts.settings.fragmentSize, this.version);
    const first = parts.shift()!;
    this.pending = parts;
    return { typeData: encodeTlsTypeData(first), summary: fragmentSummary(first) };
  }

  /** A request with no TLS data: what we send when the peer must speak next (e.g. an ACK). */
  empty(): Buffer {
    return encodeTlsTypeData({ more: false, start: false, version: this.version, data: Buffer.alloc(0) });
  }

  /** Fast reconnect: who this session authenticated before, when the handshake resumed a session
   * whose inner method succeeded (and `fastReconnect` is on). */
  resumedFrom(): ReconnectEntry | undefined {
    if (!this.reconnects || !this.engine.socket.isSessionReused()) return undefined;
    const key = tlsSessionKey(this.engine.socket);
    return key ? this.reconnects.recall(key) : undefined;
  }

  /** Fast reconnect: the inner method (`how`) authenticated `identity` in this session. */
  rememberSuccess(identity: string, how: string): void {
    const key = this.reconnects && tlsSessionKey(this.engine.socket);
    if (key) this.reconnects!.remember(key, identity, how);
  }

  /** Whether this handshake resumed an earlier session. */
  get resumed(): boolean {
    return this.engine.socket.isSessionReused();
  }

  keys(): KeyingMaterial {
    return exportKeys(this.engine.socket, this.opts.method);
  }

  close(): void {
    this.engine.close();
  }
}

/** One SecureContext per loaded certificate and method: loading the key and chain costs ~1.6 ms of
 * CPU, more than the rest of a handshake. Keyed by the certificate's Buffer, which the lab loader
 * reads once per lab file (settings objects themselves are made per conversation). Sharing it makes
 * resumption possible (RFC 5077 tickets, TLS 1.3 PSK; session IDs through the cache beside it); the
 * session id context, one per method, keeps a PEAP session from resuming as EAP-TLS and is what
 * OpenSSL demands before it resumes a session whose client certificate it asked for. Without
 * `resumption` no ticket is issued and no session kept: every re-authentication is a full one. */
interface CachedContext {
  key: Buffer;
  ca: Buffer | undefined;
  variant: string;
  ctx: tls.SecureContext;
  sessions: TlsSessionCache | undefined;
  reconnects: FastReconnectCache | undefined;
}
const contexts = new WeakMap<Buffer, Map<TunnelMethod, CachedContext>>();

/** Sessions kept per method for session-ID resumption, and for how long (OpenSSL's TLS 1.2
 * default session timeout, which it enforces itself as well). */
export const SESSION_CACHE = { maxSessions: 4096, lifetimeSeconds: 300 } as const;

function secureContextFor(
  s: EapTlsSettings,
  method: TunnelMethod,
  requestCert: boolean,
): Pick<CachedContext, 'ctx' | 'sessions' | 'reconnects'> {
  let byMethod = contexts.get(s.cert);
  if (!byMethod) contexts.set(s.cert, (byMethod = new Map()));
  // A TTLS peer skips its inner authentication on a resumed session (RFC 5281 §7.3, wpa_supplicant
  // always does): without fast reconnect such a session could only be refused, so TTLS does not
  // resume at all then and every re-authentication runs the inner method.
  const resumption = s.resumption && (method !== 'ttls' || s.fastReconnect);
  const variant = `${s.minVersion}-${s.maxVersion}-${resumption}-${s.fastReconnect}`;
  const hit = byMethod.get(method);
  if (hit && hit.key === s.key && hit.ca === s.ca && hit.variant === variant) return hit;
  const ctx = tls.createSecureContext({
    cert: s.cert,
    key: s.key,
    ca: requestCert ? s.ca : undefined,
    minVersion: s.minVersion,
    maxVersion: s.maxVersion,
    sessionIdContext: `aaa-lab-eap-${method}`,
    sessionTimeout: SESSION_CACHE.lifetimeSeconds,
    secureOptions: resumption ? 0 : constants.SSL_OP_NO_TICKET,
  });
  const sessions = resumption
    ? new TlsSessionCache(SESSION_CACHE.maxSessions, SESSION_CACHE.lifetimeSeconds * 1000)
    : undefined;
  const reconnects =
    resumption && s.fastReconnect && method !== 'tls'
      ? new FastReconnectCache(SESSION_CACHE.maxSessions, SESSION_CACHE.lifetimeSeconds * 1000)
      : undefined;
  const entry = { key: s.key, ca: s.ca, variant, ctx, sessions, reconnects };
  byMethod.set(method, entry);
  return entry;
}

/** RFC 5216 §2.1.1: EAP-Request with the S flag and no data starts the handshake. */
export function tlsStart(version: number): Buffer {
  return encodeTlsTypeData({ start: true, more: false, version, data: Buffer.alloc(0) });
}

function fragmentSummary(f: TlsTypeData): string {
  const flags = (f.length !== undefined ? 'L' : '') + (f.more ? 'M' : '') + (f.start ? 'S' : '');
  return `TLS ${f.data.length} bytes${flags ? ` [${flags}]` : ''}${f.length !== undefined ? ` of ${f.length}` : ''}`;
}
