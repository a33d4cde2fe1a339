import { randomBytes } from 'node:crypto';
import { generateAuthenticatorResponse, generateNtResponse } from '../../crypto/mschap';
import { decodeAvps, encodeAvps, type Avp } from '../../radius/eap/ttls/avp';
import { AVP, MICROSOFT } from '../../radius/eap/ttls/avp-names';
import type { InnerPeer } from './tunnel-peer';
import { EapClientError } from './peer-method';

/**
 * EAP-TTLSv0's inside as a peer (RFC 5281 §11.2): User-Name with User-Password (PAP, NUL-padded to
 * 16, §11.2.5) or with MS-CHAP-Challenge + MS-CHAP2-Response (§11.2.4, the challenge taken from the
 * tunnel's "ttls challenge" exporter, §11.1); the server answers MS-CHAPv2 with MS-CHAP2-Success.
 */
export class TtlsInnerPeer implements InnerPeer {
  private expect: string | undefined;
  private readonly seen: string[] = [];

  constructor(
    private readonly inner: 'pap' | 'mschapv2',
    private readonly user: string,
    private readonly password: string,
  ) {}

  opening(exporter: (n: number, label: string) => Buffer): Buffer {
    const name: Avp = { code: AVP.UserName, mandatory: true, data: Buffer.from(this.user, 'utf8') };
    if (this.inner === 'pap') {
      const pw = Buffer.from(this.password, 'utf8');
      const padded = Buffer.alloc(Math.max(16, Math.ceil(pw.length / 16) * 16));
      pw.copy(padded);
      return encodeAvps([name, { code: AVP.UserPassword, mandatory: true, data: padded }]);
    }
    const c = exporter(17, 'ttls challenge');
    const auth = c.subarray(0, 16);
    const peer = randomBytes(16);
    const nt = generateNtResponse(auth, peer, this.user, this.password);
    this.expect = generateAuthenticatorResponse(this.password, nt, peer, auth, this.user);
    const resp = Buffer.concat([Buffer.of(c[16]!, 0), peer, Buffer.alloc(8), nt]);
    return encodeAvps([
      name,
      { code: AVP.MsChapChallenge, vendorId: MICROSOFT, mandatory: true, data: auth },
      { code: AVP.MsChap2Response, vendorId: MICROSOFT, mandatory: true, data: resp },
    ]);
  }

  /** MS-CHAP2-Success (Ident, "S=…") must prove the server knows the password; the peer then sends
   * an empty message (an ACK) and waits for EAP-Success. */
  receive(b: Buffer): undefined {
    let avps;
    try {
      avps = decodeAvps(b);
    } catch (e) {
      throw new EapClientError(`TTLS inner: ${(e as Error).message}`, 'inner');
    }
    const ok = avps.find((a) => a.vendorId === MICROSOFT && a.code === AVP.MsChap2Success);
    if (ok) {
      if (!this.expect || ok.data.subarray(1).toString('ascii') !== this.expect)
        throw new EapClientError(
          'TTLS inner: MS-CHAP2-Success does not carry the authenticator response we expect',
          'inner',
        );
      this.seen.push('inner MS-CHAP2-Success, authenticator response verified');
    }
    const msg = avps.find((a) => a.vendorId === undefined && a.code === AVP.ReplyMessage);
    if (msg) this.seen.push(`inner Reply-Message: ${msg.data.toString('utf8')}`);
    return undefined;
  }

  notes(): string[] {
    return [`inner ${this.inner === 'pap' ? 'PAP' : 'MS-CHAPv2'} for ${this.user}`, ...this.seen];
  }
}
