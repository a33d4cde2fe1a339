import { X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { fixtureTls } from '../../../../../test/support/lab-tls';
import { recallVerified, rememberVerified, type VerifiedCertificate } from './verified-certs';
import { parseCaBundle } from './verify';

const leaf = new X509Certificate(fixtureTls('client.pem'));
const anchors = parseCaBundle(fixtureTls('ca.pem'));
/** What Node's getPeerCertificate(false) gives for `c`, as far as the cache reads it. */
const seenOf = (c: X509Certificate): PeerCertificate =>
  ({ raw: c.raw, fingerprint256: c.fingerprint256 }) as PeerCertificate;
const verified = (over: Partial<VerifiedCertificate> = {}): VerifiedCertificate => ({
  raw: leaf.raw,
  leaf,
  subject: 'CN=lab-client',
  validFrom: 1000,
  validTo: 2000,
  ...over,
});

describe('verified client certificates', () => {
  it('recalls a certificate verified against the same anchors, in date', () => {
    const a = [...anchors];
    rememberVerified(a, seenOf(leaf), verified());
    expect(recallVerified(a, seenOf(leaf), 1500)?.subject).toBe('CN=lab-client');
    expect(recallVerified(a, seenOf(leaf), 1000)).toBeDefined();
    expect(recallVerified(a, seenOf(leaf), 2000)).toBeDefined();
  });

  it('forgets it out of date, under other anchors, or for other bytes', () => {
    const a = [...anchors];
    rememberVerified(a, seenOf(leaf), verified());
    expect(recallVerified(a, seenOf(leaf), 999)).toBeUndefined();
    expect(recallVerified(a, seenOf(leaf), 2001)).toBeUndefined();
    expect(recallVerified([...anchors], seenOf(leaf), 1500)).toBeUndefined();
    const other = new X509Certificate(fixtureTls('server.pem'));
    // The same fingerprint with other bytes (it cannot happen with SHA-256; the bytes decide).
    const forged = { raw: other.raw, fingerprint256: leaf.fingerprint256 } as PeerCertificate;
    expect(recallVerified(a, forged, 1500)).toBeUndefined();
  });

  it('keeps at most 256 per set of anchors, dropping the oldest', () => {
    const a = [...anchors];
    const fake = (i: number): PeerCertificate =>
      ({ raw: Buffer.of(i >> 8, i & 0xff), fingerprint256: `fp${i}` }) as PeerCertificate;
    for (let i = 0; i <= 256; i++) rememberVerified(a, fake(i), verified({ raw: fake(i).raw }));
    expect(recallVerified(a, fake(0), 1500)).toBeUndefined();
    expect(recallVerified(a, fake(1), 1500)).toBeDefined();
    expect(recallVerified(a, fake(256), 1500)).toBeDefined();
  });
});
