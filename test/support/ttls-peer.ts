import { randomBytes } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { chapResponse } from '../../src/engine/crypto/chap';
import {
  generateAuthenticatorResponse,
  generateNtResponse,
  ntChallengeResponseV1,
} from '../../src/engine/crypto/mschap';
import { exportWithoutContext } from '../../src/engine/radius/eap/tls-tunnel/keys';
import { encodeAvps, type Avp } from '../../src/engine/radius/eap/ttls/avp';

/** A TTLS supplicant's first inner message (RFC 5281 §11.2) for each inner method, as wpa_supplicant
 * builds it; `expected` is the MS-CHAP2-Success it should then receive. */
export type TtlsInner = 'pap' | 'chap' | 'mschap' | 'mschapv2';

const avp = (code: number, data: Buffer, vendorId?: number): Avp => ({
  code,
  vendorId,
  mandatory: true,
  data,
});

export function ttlsAvps(
  socket: TLSSocket,
  inner: TtlsInner,
  user: string,
  password: string,
): { bytes: Buffer; expected?: string } {
  const name = avp(1, Buffer.from(user));
  if (inner === 'pap') {
    const pw = Buffer.alloc(Math.ceil(Buffer.byteLength(password) / 16) * 16);
    pw.write(password);
    return { bytes: encodeAvps([name, avp(2, pw)]) };
  }
  if (inner === 'mschap') {
    const c = exportWithoutContext(socket, 9, 'ttls challenge');
    const resp = Buffer.concat([
      Buffer.of(c[8]!, 1),
      Buffer.alloc(24),
      ntChallengeResponseV1(c.subarray(0, 8), password),
    ]);
    return { bytes: encodeAvps([name, avp(11, c.subarray(0, 8), 311), avp(1, resp, 311)]) };
  }
  const c = exportWithoutContext(socket, 17, 'ttls challenge');
  const challenge = c.subarray(0, 16);
  if (inner === 'chap') {
    const pw = Buffer.concat([Buffer.of(c[16]!), chapResponse(c[16]!, password, challenge)]);
    return { bytes: encodeAvps([name, avp(60, challenge), avp(3, pw)]) };
  }
  const peer = randomBytes(16);
  const nt = generateNtResponse(challenge, peer, user, password);
  const resp = Buffer.concat([Buffer.of(c[16]!, 0), peer, Buffer.alloc(8), nt]);
  return {
    bytes: encodeAvps([name, avp(11, challenge, 311), avp(25, resp, 311)]),
    expected: generateAuthenticatorResponse(password, nt, peer, challenge, user),
  };
}
