import { Buffer } from 'node:buffer';
import type { Credentials } from '../../backends/types';
import { chapVerify } from '../../crypto/chap';
import { sameBytes } from '../../crypto/same-bytes';
import {
  authenticatorResponseFromHash,
  challengeHash,
  matchNtResponse,
  mppeServerKeysFromHash,
  ntChallengeResponseV1,
} from '../../crypto/mschap';
import type { AttrInput } from '../codec/build';
import { looksClean, stripNuls, unhidePasswordPadded } from '../codec/hiding';
import { getAvp, hasAvp, type RadiusMessage } from '../codec/message';

/** How an Access-Request proves the user: what the policy gets and what the reply must add on success. */
export interface AccessCredentials {
  method: 'PAP' | 'CHAP' | 'MS-CHAPv1' | 'MS-CHAPv2' | 'MAB' | 'none' | 'EAP';
  credentials?: Credentials;
  /** PAP only: false when the password does not decrypt to clean text (a wrong-secret symptom). */
  passwordClean?: boolean;
  /** Attributes to add to an Access-Accept (MS-CHAP2-Success, MPPE keys) once `verify` succeeded. */
  onAccept(): readonly AttrInput[];
  /** Attributes to add to an Access-Reject (MS-CHAP-Error). */
  onReject(): readonly AttrInput[];
}

// Shared by every request that adds nothing to its reply.
const NO_ATTRS: readonly AttrInput[] = Object.freeze([]);
const noAttrs = (): readonly AttrInput[] => NO_ATTRS;
const none: Pick<AccessCredentials, 'onAccept' | 'onReject'> = { onAccept: noAttrs, onReject: noAttrs };
/** The credential-less answers, one object each (EAP's is every round of every conversation). */
const MAB: AccessCredentials = Object.freeze({ method: 'MAB', ...none });
const EAP: AccessCredentials = Object.freeze({ method: 'EAP', ...none });
const NONE: AccessCredentials = Object.freeze({ method: 'none', ...none });

/** Reads the credentials out of an Access-Request (RFC 2865 §5.2-5.3, RFC 2548 §2.1-2.3). */
export function accessCredentials(m: RadiusMessage, username: string, secret: Buffer): AccessCredentials {
  // MAB (Service-Type Call-Check): Cisco and others send the MAC as User-Password too; it proves nothing.
  // (EAP-Message first: every EAP round has it, and it settles the test without decoding Service-Type.)
  if (!hasAvp(m, 'EAP-Message') && getAvp(m, 'Service-Type')?.display === 'Call-Check') return MAB;
  const pw = getAvp(m, 'User-Password');
  if (pw) {
    let padded: Buffer;
    try {
      padded = unhidePasswordPadded(pw.raw, secret, m.authenticator);
    } catch {
      return {
        method: 'PAP',
        passwordClean: false,
        credentials: { kind: 'password', password: '' },
        onAccept: noAttrs,
        onReject: noAttrs,
      };
    }
    const password = stripNuls(padded).toString('utf8');
    return {
      method: 'PAP',
      passwordClean: looksClean(padded),
      credentials: { kind: 'password', password },
      onAccept: noAttrs,
      onReject: noAttrs,
    };
  }
  const chap = getAvp(m, 'CHAP-Password');
  if (chap && Buffer.isBuffer(chap.value) && chap.value.length === 17) {
    const ident = chap.value[0]!;
    const response = chap.value.subarray(1);
    // RFC 2865 §5.3: CHAP-Challenge if present, else the Request Authenticator is the challenge.
    const challengeAvp = getAvp(m, 'CHAP-Challenge');
    const challenge =
      challengeAvp && Buffer.isBuffer(challengeAvp.value) ? challengeAvp.value : m.authenticator;
    return {
      method: 'CHAP',
      credentials: {
        kind: 'challenge',
        method: 'CHAP',
        verify: (clear) => chapVerify(ident, clear, challenge, response),
      },
      ...none,
    };
  }
  const msChallenge = getAvp(m, 'MS-CHAP-Challenge')?.value;
  const v2 = getAvp(m, 'MS-CHAP2-Response')?.value;
  if (Buffer.isBuffer(msChallenge) && Buffer.isBuffer(v2) && v2.length === 50 && msChallenge.length === 16)
    return msChapV2(msChallenge, v2, username);
  const v1 = getAvp(m, 'MS-CHAP-Response')?.value;
  if (Buffer.isBuffer(msChallenge) && Buffer.isBuffer(v1) && v1.length === 50 && msChallenge.length === 8) {
    const nt = v1.subarray(26, 50);
    return {
      method: 'MS-CHAPv1',
      credentials: {
        kind: 'challenge',
        method: 'MS-CHAPv1',
        verify: (clear) => sameBytes(ntChallengeResponseV1(msChallenge, clear), nt),
      },
      onAccept: () => [],
      onReject: () => [
        { name: 'MS-CHAP-Error', value: Buffer.concat([v1.subarray(0, 1), Buffer.from('E=691 R=0')]) },
      ],
    };
  }
  if (hasAvp(m, 'EAP-Message')) return EAP;
  return NONE;
}

/** RFC 2548 §2.3.2 MS-CHAP2-Response: Ident, Flags, Peer-Challenge(16), Reserved(8), Response(24). */
function msChapV2(authChallenge: Buffer, resp: Buffer, username: string): AccessCredentials {
  const ident = resp[0]!;
  const peerChallenge = resp.subarray(2, 18);
  const ntResponse = resp.subarray(26, 50);
  // RFC 2759 §8.2: the user name without any domain ("DOMAIN\user" → "user"), as Windows peers hash it.
  const name = username.includes('\\') ? username.slice(username.lastIndexOf('\\') + 1) : username;
  // RFC 2759 §8.2: ChallengeHash does not depend on the password, so it is made once; the NT hash
  // of the password that matched makes the authenticator response and the MPPE keys (no cleartext
  // is kept past the check).
  const challenge = challengeHash(peerChallenge, authChallenge, name);
  let passwordHash: Buffer | undefined;
  return {
    method: 'MS-CHAPv2',
    credentials: {
      kind: 'challenge',
      method: 'MS-CHAPv2',
      verify: (clear) => {
        const hash = matchNtResponse(challenge, clear, ntResponse);
        if (hash) passwordHash = hash;
        return hash !== undefined;
      },
    },
    onAccept: () => {
      if (passwordHash === undefined) return [];
      const success = authenticatorResponseFromHash(passwordHash, ntResponse, challenge);
      const keys = mppeServerKeysFromHash(passwordHash, ntResponse);
      return [
        { name: 'MS-CHAP2-Success', value: Buffer.concat([Buffer.of(ident), Buffer.from(success, 'ascii')]) },
        { name: 'MS-MPPE-Encryption-Policy', value: 'Encryption-Allowed' },
        { name: 'MS-MPPE-Encryption-Types', value: 'RC4-40or128-bit-Allowed' },
        { name: 'MS-MPPE-Send-Key', value: keys.send },
        { name: 'MS-MPPE-Recv-Key', value: keys.recv },
      ];
    },
    // RFC 2759 §6: E=691 authentication failure, R=0 no retry, C=new challenge (we reuse), V=3.
    onReject: () => [
      {
        name: 'MS-CHAP-Error',
        value: Buffer.concat([
          Buffer.of(ident),
          Buffer.from(`E=691 R=0 C=${authChallenge.toString('hex').toUpperCase()} V=3`),
        ]),
      },
    ],
  };
}
