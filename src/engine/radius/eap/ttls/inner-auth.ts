import { Buffer } from 'node:buffer';
import { chapVerify } from '../../../crypto/chap';
import {
  authenticatorResponseFromHash,
  challengeHash,
  matchNtResponse,
  ntChallengeResponseV1,
} from '../../../crypto/mschap';
import { sameBytes } from '../../../crypto/same-bytes';
import { deny, type Decision } from '../../../policy/decision';
import type { EapPolicy } from '../method';
import { MSCHAPV2_NEEDS_LOCAL } from '../peap/mschapv2-inner';
import type { Avp } from './avp';
import { AVP, findAvp, MICROSOFT } from './avp-names';

/**
 * TTLS inner authentication by AVPs (RFC 5281 §11.2): PAP, CHAP, MS-CHAP, MS-CHAPv2. The challenge
 * of the challenge-based ones is not chosen by the peer but derived from the tunnel (§11.1,
 * "ttls challenge" exporter), so a replayed or made-up challenge is refused.
 */
export type TtlsInnerMethod = 'PAP' | 'CHAP' | 'MS-CHAP' | 'MS-CHAPv2';

export interface TtlsInnerResult {
  method: TtlsInnerMethod;
  user: string;
  decision: Decision;
  /** MS-CHAPv2: the MS-CHAP2-Success AVP to send inside the tunnel before EAP-Success. */
  reply?: Avp;
}

/** The tunnel's "ttls challenge" keying material, `n` bytes (17 for CHAP/MS-CHAPv2, 9 for MS-CHAP). */
export type ChallengeSource = (n: number) => Buffer;

const NEEDS_CLEARTEXT = /cannot check CHAP\/MS-CHAP/;

export async function ttlsInnerAuth(
  avps: Avp[],
  challenge: ChallengeSource,
  policy: EapPolicy,
): Promise<TtlsInnerResult | { error: string }> {
  const userAvp = findAvp(avps, AVP.UserName);
  if (!userAvp) return { error: 'the inner AVPs carry no User-Name' };
  const user = userAvp.data.toString('utf8');
  const password = findAvp(avps, AVP.UserPassword);
  if (password) {
    // RFC 5281 §11.2.5: the password is NUL-padded to a multiple of 16 bytes.
    const clear = password.data.toString('utf8').replace(/\0+$/, '');
    const d = await policy.authenticate(user, { kind: 'password', password: clear });
    return { method: 'PAP', user, decision: d };
  }
  const chapPassword = findAvp(avps, AVP.ChapPassword);
  const chapChallenge = findAvp(avps, AVP.ChapChallenge);
  if (chapPassword && chapChallenge) {
    const want = challenge(17);
    if (chapPassword.data.length !== 17)
      return { error: `CHAP-Password is ${chapPassword.data.length} bytes (17 expected)` };
    if (!sameBytes(chapChallenge.data, want.subarray(0, 16)) || chapPassword.data[0] !== want[16])
      return {
        error: 'CHAP-Challenge or identifier is not the one derived from this tunnel (RFC 5281 §11.2.2)',
      };
    const ident = chapPassword.data[0]!;
    const response = chapPassword.data.subarray(1);
    const d = await policy.authenticate(user, {
      kind: 'challenge',
      method: 'CHAP',
      verify: (clear) => chapVerify(ident, clear, chapChallenge.data, response),
    });
    return { method: 'CHAP', user, decision: explain(d) };
  }
  const msChallenge = findAvp(avps, AVP.MsChapChallenge, MICROSOFT);
  const v2 = findAvp(avps, AVP.MsChap2Response, MICROSOFT);
  if (msChallenge && v2) return msChapV2(user, msChallenge.data, v2.data, challenge(17), policy);
  const v1 = findAvp(avps, AVP.MsChapResponse, MICROSOFT);
  if (msChallenge && v1) {
    const want = challenge(9);
    if (v1.data.length !== 50) return { error: `MS-CHAP-Response is ${v1.data.length} bytes (50 expected)` };
    if (!sameBytes(msChallenge.data, want.subarray(0, 8)) || v1.data[0] !== want[8])
      return {
        error: 'MS-CHAP-Challenge or identifier is not the one derived from this tunnel (RFC 5281 §11.2.3)',
      };
    const nt = v1.data.subarray(26, 50);
    const d = await policy.authenticate(user, {
      kind: 'challenge',
      method: 'MS-CHAPv1',
      verify: (clear) => sameBytes(ntChallengeResponseV1(msChallenge.data, clear), nt),
    });
    return { method: 'MS-CHAP', user, decision: explain(d) };
  }
  return {
    error: 'the inner AVPs carry no User-Password, CHAP-Password, MS-CHAP-Response or MS-CHAP2-Response',
  };
}

/** RFC 5281 §11.2.4 with RFC 2548 §2.3.2 MS-CHAP2-Response: Ident, Flags, Peer-Challenge(16),
 * Reserved(8), Response(24). */
async function msChapV2(
  user: string,
  authChallenge: Buffer,
  resp: Buffer,
  want: Buffer,
  policy: EapPolicy,
): Promise<TtlsInnerResult | { error: string }> {
  if (resp.length !== 50) return { error: `MS-CHAP2-Response is ${resp.length} bytes (50 expected)` };
  if (!sameBytes(authChallenge, want.subarray(0, 16)) || resp[0] !== want[16])
    return {
      error: 'MS-CHAP-Challenge or identifier is not the one derived from this tunnel (RFC 5281 §11.2.4)',
    };
  const ident = resp[0]!;
  const peerChallenge = resp.subarray(2, 18);
  const nt = resp.subarray(26, 50);
  const name = user.includes('\\') ? user.slice(user.lastIndexOf('\\') + 1) : user;
  // RFC 2759 §8.1 GenerateNTResponse, checked: ChallengeHash does not depend on the password, and
  // the NT hash of the one that matched also makes the authenticator response (§8.7).
  const hash = challengeHash(peerChallenge, authChallenge, name);
  let passwordHash: Buffer | undefined;
  const d = await policy.authenticate(user, {
    kind: 'challenge',
    method: 'MS-CHAPv2',
    verify: (clear) => (passwordHash = matchNtResponse(hash, clear, nt)) !== undefined,
  });
  if (!d.allow || passwordHash === undefined)
    return {
      method: 'MS-CHAPv2',
      user,
      decision: explain(d.allow ? deny([...d.reasons, 'no password was checked']) : d, MSCHAPV2_NEEDS_LOCAL),
    };
  const s = authenticatorResponseFromHash(passwordHash, nt, hash);
  return {
    method: 'MS-CHAPv2',
    user,
    decision: d,
    reply: {
      code: AVP.MsChap2Success,
      vendorId: MICROSOFT,
      mandatory: true,
      data: Buffer.concat([Buffer.of(ident), Buffer.from(s, 'ascii')]),
    },
  };
}

/** Why a directory backend could not check a challenge-based inner method. */
export const CHALLENGE_NEEDS_LOCAL =
  "CHAP and MS-CHAP send a hash of the password, never the password, so only a backend holding the password itself (the lab's local users) can check them; LDAP and OIDC can only check a cleartext password: use TTLS-PAP or EAP-GTC with them";

function explain(d: Decision, why = CHALLENGE_NEEDS_LOCAL): Decision {
  if (d.allow || !d.reasons.some((r) => NEEDS_CLEARTEXT.test(r))) return d;
  return { ...d, reasons: [...d.reasons, why] };
}
