import { X509Certificate } from 'node:crypto';

/**
 * Our own check of an EAP-TLS client certificate (the TLS layer runs with rejectUnauthorized off) so
 * each failure reads as a diagnosis: no certificate, expired, not yet valid, from another CA, wrong
 * key usage. RFC 5216 §5.3: the server must verify the peer's certificate chain.
 */
export type CertVerdict =
  /** `validFrom`/`validTo` (ms since the epoch): when every certificate on the path is in date. */
  { ok: true; subject: string; validFrom: number; validTo: number } | { ok: false; reason: string };

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';
const MAX_DEPTH = 8;

/** Parsed once per loaded CA file (the lab loader reads it once; parsing costs ~0.5 ms). */
const bundles = new WeakMap<Buffer, X509Certificate[]>();

export function parseCaBundle(pem: Buffer): X509Certificate[] {
  const hit = bundles.get(pem);
  if (hit) return hit;
  const parsed = parseBundle(pem);
  bundles.set(pem, parsed);
  return parsed;
}

function parseBundle(pem: Buffer): X509Certificate[] {
  const blocks =
    pem.toString('latin1').match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => new X509Certificate(b));
}

const oneLine = (name: string): string => name.split('\n').join(', ');

/** "CN=lab-client, O=Lab" as the decision and diagnoses print a certificate's subject. */
const certificateSubject = (c: X509Certificate): string => oneLine(c.subject);

/** `presentedChain`: the certificates the peer sent, or a function giving them — building them
 * costs ~0.3 ms per conversation and is only needed when the leaf is not issued by an anchor. */
export function verifyClientCertificate(
  leaf: X509Certificate | undefined,
  presentedChain: X509Certificate[] | (() => X509Certificate[]),
  anchors: X509Certificate[],
  now: Date = new Date(),
): CertVerdict {
  if (!leaf)
    return {
      ok: false,
      reason:
        'the supplicant sent no client certificate (EAP-TLS needs one: check its client certificate and private key settings)',
    };
  if (anchors.length === 0)
    return { ok: false, reason: 'radius.eap.ca is not set, so no client certificate can be trusted' };
  const subject = certificateSubject(leaf);
  const usage = leaf.keyUsage;
  if (usage && !usage.includes(CLIENT_AUTH) && !usage.includes(ANY_EKU))
    return {
      ok: false,
      reason: `client certificate ${subject} is not for client authentication (extended key usage ${usage.join(', ')} lacks clientAuth)`,
    };
  let cur = leaf;
  let validFrom = -Infinity;
  let validTo = Infinity;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const dated = validity(cur, now, depth === 0 ? 'client certificate' : 'intermediate CA certificate');
    if (typeof dated === 'string') return { ok: false, reason: dated };
    validFrom = Math.max(validFrom, dated.from);
    validTo = Math.min(validTo, dated.to);
    const anchor = anchors.find((a) => cur.checkIssued(a) && cur.verify(a.publicKey));
    if (anchor) {
      const expired = validity(anchor, now, 'lab CA certificate');
      if (typeof expired === 'string') return { ok: false, reason: expired };
      return {
        ok: true,
        subject,
        validFrom: Math.max(validFrom, expired.from),
        validTo: Math.min(validTo, expired.to),
      };
    }
    if (typeof presentedChain === 'function') presentedChain = presentedChain();
    const next = presentedChain.find(
      (c) => c !== cur && cur.checkIssued(c) && cur.verify(c.publicKey) && c.ca,
    );
    if (!next) break;
    cur = next;
  }
  return {
    ok: false,
    reason: `client certificate ${subject} is signed by ${oneLine(cur.issuer)}, which is not the lab CA (radius.eap.ca: ${anchors.map((a) => oneLine(a.subject)).join('; ')}) nor chains to it`,
  };
}

/** Why `c` is out of date at `now`, or its validity period (ms since the epoch). */
function validity(c: X509Certificate, now: Date, what: string): string | { from: number; to: number } {
  const from = new Date(c.validFrom);
  const to = new Date(c.validTo);
  if (now > to) return `${what} ${oneLine(c.subject)} expired on ${to.toISOString()}`;
  if (now < from) return `${what} ${oneLine(c.subject)} is not valid before ${from.toISOString()}`;
  return { from: from.getTime(), to: to.getTime() };
}
