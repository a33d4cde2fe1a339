import type { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';

/**
 * Client certificates that passed verifyClientCertificate, by their exact bytes, per set of trust
 * anchors (parseCaBundle hands out one array per loaded CA file, so a new CA starts afresh). A
 * supplicant presents the same certificate at every authentication; its signature and usage cannot
 * change, so only the dates are checked again. Failures are never kept: each is diagnosed afresh.
 * A leaf once verified through intermediates the peer sent stays verified if it later comes without
 * them (the signatures to the lab CA were checked; a supplicant's configuration does not drop them).
 * Bounded: the oldest entry goes when a new one would exceed LIMIT.
 */
export interface VerifiedCertificate {
  raw: Buffer;
  leaf: X509Certificate;
  subject: string;
  /** When every certificate on the verified path is in date (ms since the epoch). */
  validFrom: number;
  validTo: number;
}

const LIMIT = 256;
const byAnchors = new WeakMap<readonly X509Certificate[], Map<string, VerifiedCertificate>>();

/** The verdict on `seen` (Node's summary of the peer's certificate) if it is byte for byte one
 * verified against `anchors` before and still in date at `now`. */
export function recallVerified(
  anchors: readonly X509Certificate[],
  seen: PeerCertificate,
  now: number,
): VerifiedCertificate | undefined {
  const hit = byAnchors.get(anchors)?.get(seen.fingerprint256);
  if (!hit || !hit.raw.equals(seen.raw)) return undefined;
  return now >= hit.validFrom && now <= hit.validTo ? hit : undefined;
}

export function rememberVerified(
  anchors: readonly X509Certificate[],
  seen: PeerCertificate,
  verified: VerifiedCertificate,
): void {
  let m = byAnchors.get(anchors);
  if (!m) byAnchors.set(anchors, (m = new Map()));
  m.delete(seen.fingerprint256); // re-inserted last: the newest
  if (m.size >= LIMIT) m.delete(m.keys().next().value!);
  m.set(seen.fingerprint256, verified);
}
