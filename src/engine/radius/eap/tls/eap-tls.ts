import { X509Certificate } from 'node:crypto';
import type { DetailedPeerCertificate, TLSSocket } from 'node:tls';
import { deny, type Decision } from '../../../policy/decision';
import { EAP_TYPE, type EapMethodContext, type EapMethodFactory, type MethodStep } from '../method';
import { TunnelSession } from '../tls-tunnel/tunnel-session';
import { certificateIdentity } from './identity';
import { recallVerified, rememberVerified } from './verified-certs';
import { parseCaBundle, verifyClientCertificate } from './verify';

/**
 * EAP-TLS (RFC 5216; RFC 9190 for TLS 1.3): mutual certificate authentication. The client
 * certificate is checked against radius.eap.ca, its CN or SAN names the user, and the lab's policy
 * decides for that user. On TLS 1.3 the server ends with the commitment message (RFC 9190 §2.5).
 */
export class EapTlsSession extends TunnelSession {
  readonly type = EAP_TYPE.TLS;
  readonly name = 'EAP-TLS';
  private decision: Decision | undefined;

  constructor(ctx: EapMethodContext) {
    super(ctx, { method: 'tls', requestCert: true });
  }

  protected async established(): Promise<MethodStep | undefined> {
    const t = this.tunnel!;
    const verdict = checkPeerCertificate(
      t.engine.socket,
      this.ctx.tls?.ca ? parseCaBundle(this.ctx.tls.ca) : [],
    );
    if (!verdict.ok) return this.fail(verdict.reason);
    const from = this.ctx.tls!.identityFromCertificate;
    const named = certificateIdentity(verdict.leaf, from);
    if ('missing' in named)
      return this.fail(
        `client certificate ${verdict.subject} names no user: identityFromCertificate is ${from} but ${named.missing}`,
      );
    const ours = [
      `EAP-TLS over ${this.tlsLine()}`,
      `client certificate ${verdict.subject} verified against the lab CA`,
      `identity ${named.identity} from the certificate's ${from.toUpperCase()}`,
    ];
    const d = await this.ctx.policy.authorizeIdentity(named.identity, verdict.subject);
    if (!d.allow) return { kind: 'failure', decision: { ...d, reasons: [...ours, ...d.reasons] } };
    this.decision = { ...d, reasons: [...ours, ...d.reasons] };
    // RFC 9190 §2.5: one application-data byte 0x00 says no more handshake messages will follow.
    if (t.protocol === 'TLSv1.3') await t.write(Buffer.of(0));
    return undefined;
  }

  protected async ready(): Promise<MethodStep> {
    const d = this.decision;
    if (!d) return { kind: 'failure', decision: deny(['EAP-TLS: the handshake ended without a decision']) };
    return { kind: 'success', decision: d, msk: this.tunnel!.keys().msk };
  }

  protected async received(): Promise<MethodStep> {
    return this.fail('the supplicant sent application data, which EAP-TLS does not carry');
  }
}

/**
 * The peer's certificate, verified against `anchors` (RFC 5216 §5.3) by verifyClientCertificate or
 * found among those it passed before. OpenSSL has checked the chain in the handshake too, but Node
 * reports that (`authorized`) only on sockets a tls.Server accepted, never on TlsEngine's.
 * Node's summary of the leaf (getPeerCertificate(false)) is the cheap way to its bytes: an
 * X509Certificate of the peer (getPeerX509Certificate) first copies every certificate the peer
 * sent with it, ~0.15 ms each on OpenSSL 3, and is only made for a certificate not seen before.
 */
function checkPeerCertificate(
  socket: TLSSocket,
  anchors: X509Certificate[],
): { ok: true; subject: string; leaf: X509Certificate } | { ok: false; reason: string } {
  const seen = socket.getPeerCertificate(false);
  const known = seen?.raw ? recallVerified(anchors, seen, Date.now()) : undefined;
  if (known) return { ok: true, subject: known.subject, leaf: known.leaf };
  const leaf = socket.getPeerX509Certificate();
  const verdict = verifyClientCertificate(
    leaf,
    () => presentedChain(socket.getPeerCertificate(true)),
    anchors,
  );
  if (!verdict.ok) return verdict;
  if (seen?.raw) {
    const { subject, validFrom, validTo } = verdict;
    rememberVerified(anchors, seen, { raw: seen.raw, leaf: leaf!, subject, validFrom, validTo });
  }
  return { ok: true, subject: verdict.subject, leaf: leaf! };
}

/** The certificates the peer sent (Node links them through issuerCertificate; the root links itself). */
function presentedChain(top: DetailedPeerCertificate | Record<string, never>): X509Certificate[] {
  const out: X509Certificate[] = [];
  const seen = new Set<string>();
  let c = 'raw' in top ? top : undefined;
  while (c?.raw && !seen.has(c.fingerprint256)) {
    seen.add(c.fingerprint256);
    out.push(new X509Certificate(c.raw));
    c = c.issuerCertificate;
  }
  return out;
}

export const eapTls: EapMethodFactory = (ctx) => new EapTlsSession(ctx);
