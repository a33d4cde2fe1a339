import { deny } from '../../../policy/decision';
import type { EapMethodContext, EapMethodSession, MethodStep } from '../method';
import type { TunnelMethod } from './keys';
import { tlsStart, TlsTunnel, type TunnelLimits } from './tunnel';

/**
 * What EAP-TLS, PEAP and TTLS share: Start, the handshake flights, the peer's ACKs and fragments,
 * then the method's own part once the tunnel is up. Phases: handshake → finishing (our last flight,
 * waiting for the peer's ACK or first inner message) → inner.
 */
export interface TunnelSessionConfig {
  method: TunnelMethod;
  requestCert: boolean;
  version?: number;
  limits?: Partial<TunnelLimits>;
}

export abstract class TunnelSession implements EapMethodSession {
  abstract readonly type: number;
  abstract readonly name: string;
  protected tunnel: TlsTunnel | undefined;
  private tunnelPhase: 'handshake' | 'finishing' | 'inner' = 'handshake';
  private started = false;

  constructor(
    protected readonly ctx: EapMethodContext,
    private readonly config: TunnelSessionConfig,
  ) {}

  /** The handshake has just completed (peer's Finished processed); return a step to end early. */
  protected abstract established(): Promise<MethodStep | undefined>;
  /** The tunnel is up and the peer acknowledged our last handshake flight. */
  protected abstract ready(): Promise<MethodStep>;
  /** Decrypted application data from the peer. */
  protected abstract received(app: Buffer[]): Promise<MethodStep>;

  /** An empty response once the tunnel is up (TTLS: the peer's answer to MS-CHAP2-Success). */
  protected acked(): Promise<MethodStep> {
    return Promise.resolve(this.fail('the supplicant sent an empty response where an inner message was due'));
  }

  /**
   * The Start request needs no TLS yet: the tunnel (a TLSSocket, the dearest object of a
   * conversation) is made by the peer's first response. A peer that NAKs the method we proposed
   * first (an EAP-TLS or EAP-MD5 supplicant offered PEAP) then costs no TLS session at all.
   */
  async start(): Promise<MethodStep> {
    if (!this.ctx.tls)
      return this.fail(
        'radius.eap has no cert/key, so the TLS-based methods cannot start (set radius.eap.cert and radius.eap.key)',
      );
    this.started = true;
    return { kind: 'request', typeData: tlsStart(this.config.version ?? 0), summary: `${this.name} Start` };
  }

  async step(typeData: Buffer): Promise<MethodStep> {
    if (!this.started) return this.fail('a response arrived before the method started');
    const t = (this.tunnel ??= new TlsTunnel({ ...this.config, settings: this.ctx.tls! }));
    const ev = await t.receive(typeData);
    switch (ev.kind) {
      case 'send':
        return { kind: 'request', typeData: ev.typeData, summary: ev.summary };
      case 'failed':
        return this.fail(ev.reason);
      case 'acked':
        if (this.tunnelPhase === 'finishing') {
          this.tunnelPhase = 'inner';
          return this.ready();
        }
        if (this.tunnelPhase === 'inner') return this.acked();
        return this.fail(
          'the supplicant stopped the TLS handshake (empty response where its next flight was due)',
        );
      case 'message':
        break;
    }
    if (!t.handshakeDone) return this.flushOrAck();
    if (this.tunnelPhase === 'handshake') {
      this.tunnelPhase = 'finishing';
      const early = await this.established();
      if (early) return early;
      if (ev.app.length) {
        this.tunnelPhase = 'inner';
        return this.received(ev.app);
      }
      const out = t.flush();
      if (out) return { kind: 'request', ...out };
      this.tunnelPhase = 'inner';
      return this.ready();
    }
    this.tunnelPhase = 'inner';
    if (ev.app.length === 0) return this.flushOrAck();
    return this.received(ev.app);
  }

  close(): void {
    this.tunnel?.close();
  }

  /** Encrypts an inner message and returns the request carrying it (with any TLS output before it). */
  protected async send(data: Buffer, summary: string): Promise<MethodStep> {
    const t = this.tunnel!;
    await t.write(data);
    const out = t.flush();
    if (!out) return this.fail('TLS produced no record for the inner message');
    return { kind: 'request', typeData: out.typeData, summary: `${summary} (${out.summary})` };
  }

  protected flushOrAck(): MethodStep {
    const t = this.tunnel!;
    const out = t.flush();
    return out ? { kind: 'request', ...out } : { kind: 'request', typeData: t.empty(), summary: 'ACK' };
  }

  protected fail(reason: string): MethodStep {
    return { kind: 'failure', decision: deny([`${this.name}: ${reason}`]) };
  }

  /** "TLSv1.3 TLS_AES_256_GCM_SHA384" for the decision's reasons. */
  protected tlsLine(): string {
    const s = this.tunnel!.engine.socket;
    const line = `${s.getProtocol() ?? 'TLS'} ${s.getCipher()?.standardName ?? ''}`.trim();
    return s.isSessionReused() ? `${line} (resumed session)` : line;
  }
}
