import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fixtureTls } from '../../../../../test/support/lab-tls';
import { certificateIdentity, splitSan } from './identity';
import { parseCaBundle, verifyClientCertificate } from './verify';

const client = new X509Certificate(fixtureTls('client.pem'));
const server = new X509Certificate(fixtureTls('server.pem'));
const anchors = parseCaBundle(fixtureTls('ca.pem'));

describe('client certificate verification', () => {
  it('accepts the fixture client certificate today', () => {
    // Valid while both it and the CA are: the later start and the earlier end of the two.
    const validFrom = Math.max(Date.parse(client.validFrom), Date.parse(anchors[0]!.validFrom));
    const validTo = Math.min(Date.parse(client.validTo), Date.parse(anchors[0]!.validTo));
    expect(verifyClientCertificate(client, [], anchors)).toEqual({
      ok: true,
      subject: 'CN=lab-client',
      validFrom,
      validTo,
    });
    // Issued by the anchor itself: the peer's chain is never built.
    const unneeded = () => {
      throw new Error('the presented chain was built');
    };
    expect(verifyClientCertificate(client, unneeded, anchors)).toMatchObject({
      ok: true,
      subject: 'CN=lab-client',
    });
  });

  it('says when it expired', () => {
    const v = verifyClientCertificate(client, [], anchors, new Date('2100-01-01T00:00:00Z'));
    expect(v).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^client certificate CN=lab-client expired on 2036-/),
    });
  });

  it('says when it is not valid yet', () => {
    const v = verifyClientCertificate(client, [], anchors, new Date('2001-01-01T00:00:00Z'));
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/is not valid before/) });
  });

  it('refuses a certificate without the clientAuth usage', () => {
    const v = verifyClientCertificate(server, [], anchors);
    expect(v).toMatchObject({ ok: false, reason: expect.stringMatching(/lacks clientAuth/) });
  });

  it('says when no CA is configured', () => {
    expect(verifyClientCertificate(client, [], [])).toMatchObject({
      reason: expect.stringMatching(/radius.eap.ca is not set/),
    });
  });
});

describe('certificate identity', () => {
  it('takes the CN or a SAN entry and says what is missing', () => {
    expect(certificateIdentity(client, 'cn')).toEqual({ identity: 'lab-client' });
    expect(certificateIdentity(client, 'san-dns')).toEqual({ identity: 'lab-client' });
    expect(certificateIdentity(client, 'san-email')).toMatchObject({
      missing: expect.stringMatching(/no email entry/),
    });
  });

  it("splits Node's subjectAltName text outside quoted values", () => {
    expect(splitSan('DNS:a, email:"x, y"@z, othername:UPN:u@v')).toEqual([
      'DNS:a',
      'email:"x, y"@z',
      'othername:UPN:u@v',
    ]);
  });
});
