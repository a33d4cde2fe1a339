import { randomBytes } from 'node:crypto';
import { generateAuthenticatorResponse, generateNtResponse } from '../../src/engine/crypto/mschap';

/**
 * A PEAPv0 supplicant's inner side for tests (what Windows and wpa_supplicant do): compressed inner
 * Identity and EAP-MSCHAPv2, full-header EAP-TLV answering the Result TLV with the same result.
 * `serverProven` turns true when the server's S= authenticator response checks out.
 */
export class PeapInnerPeer {
  serverProven = false;
  failureSeen = false;
  private expected = '';

  constructor(
    private readonly identity: string,
    private readonly password: string,
    private readonly tlvResult?: number,
  ) {}

  answer = (m: Buffer): Buffer | undefined => {
    if (m.length >= 5 && m[0] === 1 && m.readUInt16BE(2) === m.length && m[4] === 33) {
      const out = Buffer.from(m);
      out[0] = 2;
      if (this.tlvResult !== undefined) out.writeUInt16BE(this.tlvResult, 9);
      return out;
    }
    if (m[0] === 1) return Buffer.concat([Buffer.of(1), Buffer.from(this.identity)]);
    if (m[0] !== 26) return undefined;
    return this.mschap(m);
  };

  private mschap(m: Buffer): Buffer | undefined {
    const op = m[1];
    if (op === 1) {
      const id = m[2]!;
      const authChallenge = m.subarray(6, 6 + m[5]!);
      const peerChallenge = randomBytes(16);
      const nt = generateNtResponse(authChallenge, peerChallenge, this.identity, this.password);
      this.expected = generateAuthenticatorResponse(
        this.password,
        nt,
        peerChallenge,
        authChallenge,
        this.identity,
      );
      const name = Buffer.from(this.identity);
      const value = Buffer.concat([peerChallenge, Buffer.alloc(8), nt, Buffer.of(0)]);
      const head = Buffer.of(26, 2, id, 0, 0, 49);
      head.writeUInt16BE(4 + 1 + 49 + name.length, 3);
      return Buffer.concat([head, value, name]);
    }
    if (op === 3) {
      this.serverProven = m.subarray(5, 47).toString() === this.expected;
      return Buffer.of(26, 3);
    }
    if (op === 4) {
      this.failureSeen = true;
      return Buffer.of(26, 4);
    }
    return undefined;
  }
}
