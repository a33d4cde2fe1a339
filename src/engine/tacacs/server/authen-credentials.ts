import type { Credentials } from '../../backends/types';
import { chapVerify } from '../../crypto/chap';
import { sameBytes } from '../../crypto/same-bytes';
import {
  generateAuthenticatorResponse,
  ntChallengeResponseV1,
  lmChallengeResponseV1,
  verifyNtResponseV2,
} from '../../crypto/mschap';
import { AuthenType } from '../codec/constants';

/** Credentials from a START's data field, or the reason the data is malformed. */
export type ParsedCredentials =
  | {
      ok: true;
      credentials: Credentials;
      /** MS-CHAPv2: "S=…" once verify() succeeded. */ authenticatorResponse(): string | undefined;
    }
  | { ok: false; reason: string };

const MSCHAP_RESPONSE = 49;

/**
 * RFC 8907 §5.4.2: CHAP data = PPP id (1) + challenge + response (16); MS-CHAPv1 = id + challenge (8)
 * + MS-CHAP response (49: LM 24, NT 24, flags 1, RFC 2433 §3); MS-CHAPv2 = id + challenge (16) +
 * response (49: peer challenge 16, reserved 8, NT 24, flags 1, RFC 2759 §4).
 */
export function challengeCredentials(authenType: number, user: string, data: Uint8Array): ParsedCredentials {
  const none = (): undefined => undefined;
  if (authenType === AuthenType.CHAP) {
    if (data.length < 1 + 1 + 16)
      return {
        ok: false,
        reason: `CHAP data is ${data.length} bytes; needs id, a challenge and a 16-byte response`,
      };
    const id = data[0]!;
    const challenge = data.subarray(1, data.length - 16);
    const response = data.subarray(data.length - 16);
    return {
      ok: true,
      authenticatorResponse: none,
      credentials: {
        kind: 'challenge',
        method: 'CHAP',
        verify: (pw) => chapVerify(id, pw, challenge, response),
      },
    };
  }
  if (authenType === AuthenType.MSCHAP) {
    if (data.length !== 1 + 8 + MSCHAP_RESPONSE)
      return {
        ok: false,
        reason: `MS-CHAPv1 data is ${data.length} bytes; expected 58 (id 1 + challenge 8 + response 49)`,
      };
    const challenge = data.subarray(1, 9);
    const lm = data.subarray(9, 33);
    const nt = data.subarray(33, 57);
    const useNt = data[57] === 1;
    const verify = (pw: string): boolean =>
      useNt
        ? sameBytes(ntChallengeResponseV1(challenge, pw), nt)
        : sameBytes(lmChallengeResponseV1(challenge, pw), lm);
    return {
      ok: true,
      authenticatorResponse: none,
      credentials: { kind: 'challenge', method: 'MS-CHAPv1', verify },
    };
  }
  if (authenType === AuthenType.MSCHAPV2) {
    if (data.length !== 1 + 16 + MSCHAP_RESPONSE)
      return {
        ok: false,
        reason: `MS-CHAPv2 data is ${data.length} bytes; expected 66 (id 1 + challenge 16 + response 49)`,
      };
    const authChallenge = data.subarray(1, 17);
    const peerChallenge = data.subarray(17, 33);
    const nt = data.subarray(41, 65);
    // RFC 2759 §4: the challenge hash uses the user name without any "DOMAIN\" prefix.
    const bare = user.includes('\\') ? user.slice(user.lastIndexOf('\\') + 1) : user;
    let authResponse: string | undefined;
    const verify = (pw: string): boolean => {
      const ok = verifyNtResponseV2(authChallenge, peerChallenge, bare, pw, nt);
      if (ok) authResponse = generateAuthenticatorResponse(pw, nt, peerChallenge, authChallenge, bare);
      return ok;
    };
    return {
      ok: true,
      authenticatorResponse: () => authResponse,
      credentials: { kind: 'challenge', method: 'MS-CHAPv2', verify },
    };
  }
  return { ok: false, reason: `authen_type 0x${authenType.toString(16)} carries no challenge` };
}
