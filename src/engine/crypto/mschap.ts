import { Buffer } from 'node:buffer';
import { hash } from 'node:crypto';
import { desEncryptBlock, desEncryptInto, expandDesKey, expandDesKeyInto } from './des';
import { md4 } from './md4';
import { sameBytes } from './same-bytes';

/**
 * MS-CHAP primitives: RFC 2433 (v1) Appendix A, RFC 2759 (v2) §8, RFC 3079 §3 (MPPE keys from v2).
 * Names follow the RFCs' pseudocode so a reader can check them side by side.
 */

/** The inputs of one SHA-1, copied end to end (at most ~140 bytes here); wiped after each hash. */
let sha1Input = Buffer.alloc(256);

/** SHA-1 over the concatenation of `parts`: one node:crypto call, no Hash object or update calls. */
function sha1(...parts: Uint8Array[]): Buffer {
  let n = 0;
  for (const p of parts) n += p.length;
  if (n > sha1Input.length) sha1Input = Buffer.alloc(n);
  let at = 0;
  for (const p of parts) {
    sha1Input.set(p, at);
    at += p.length;
  }
  const digest = hash('sha1', sha1Input.subarray(0, n), 'buffer');
  sha1Input.fill(0, 0, n);
  return digest;
}

/** RFC 2759 §8.3: the password as UTF-16LE ("Unicode"), hashed with MD4. */
export function ntPasswordHash(password: string): Buffer {
  return md4(Buffer.from(password, 'utf16le'));
}

/** RFC 2759 §8.4 HashNtPasswordHash. */
export function hashNtPasswordHash(passwordHash: Uint8Array): Buffer {
  return md4(passwordHash);
}

/** The zero-padded hash and one DES key of challengeResponse: scratch, wiped after each use. */
const padded = new Uint8Array(21);
const desKey = new Uint8Array(8);

/** RFC 2759 §8.5 / RFC 2433 §A.5: three DES encryptions of the challenge under the zero-padded hash. */
export function challengeResponse(challenge: Uint8Array, passwordHash: Uint8Array): Buffer {
  if (challenge.length !== 8) throw new RangeError('MS-CHAP challenge must be 8 bytes');
  padded.set(passwordHash.subarray(0, 16));
  const out = Buffer.allocUnsafe(24);
  for (let i = 0; i < 3; i++) {
    expandDesKeyInto(padded, 7 * i, desKey);
    desEncryptInto(desKey, challenge, out, 8 * i);
  }
  padded.fill(0);
  desKey.fill(0);
  return out;
}

/** RFC 2433 §A.2 LmPasswordHash: uppercase OEM password (≤ 14 bytes) as two DES keys over "KGS!@#$%". */
export function lmPasswordHash(password: string): Buffer {
  const pw = Buffer.alloc(14);
  Buffer.from(password.toUpperCase(), 'latin1').copy(pw, 0, 0, 14);
  const magic = Buffer.from('KGS!@#$%', 'ascii');
  return Buffer.concat([
    desEncryptBlock(expandDesKey(pw.subarray(0, 7)), magic),
    desEncryptBlock(expandDesKey(pw.subarray(7)), magic),
  ]);
}

/** RFC 2433 §A.1 NtChallengeResponse (MS-CHAPv1 NT-Response, 24 bytes). */
export function ntChallengeResponseV1(challenge: Uint8Array, password: string): Buffer {
  return challengeResponse(challenge, ntPasswordHash(password));
}

/** RFC 2433 §A.1 LmChallengeResponse (MS-CHAPv1 LM-Response, 24 bytes). */
export function lmChallengeResponseV1(challenge: Uint8Array, password: string): Buffer {
  return challengeResponse(challenge, lmPasswordHash(password));
}

/** RFC 2759 §8.2 ChallengeHash: SHA1(PeerChallenge || AuthenticatorChallenge || UserName)[0..8]. */
export function challengeHash(
  peerChallenge: Uint8Array,
  authChallenge: Uint8Array,
  userName: string,
): Buffer {
  return sha1(peerChallenge, authChallenge, Buffer.from(userName, 'utf8')).subarray(0, 8);
}

/** RFC 2759 §8.1 GenerateNTResponse (24 bytes). */
export function generateNtResponse(
  authChallenge: Uint8Array,
  peerChallenge: Uint8Array,
  userName: string,
  password: string,
): Buffer {
  return challengeResponse(challengeHash(peerChallenge, authChallenge, userName), ntPasswordHash(password));
}

const MAGIC1 = Buffer.from('Magic server to client signing constant', 'ascii');
const MAGIC2 = Buffer.from('Pad to make it do more than one iteration', 'ascii');

/** RFC 2759 §8.7 GenerateAuthenticatorResponse: "S=" + 40 upper-case hex digits. */
export function generateAuthenticatorResponse(
  password: string,
  ntResponse: Uint8Array,
  peerChallenge: Uint8Array,
  authChallenge: Uint8Array,
  userName: string,
): string {
  const challenge = challengeHash(peerChallenge, authChallenge, userName);
  return authenticatorResponseFromHash(ntPasswordHash(password), ntResponse, challenge);
}

/**
 * GenerateAuthenticatorResponse from the NT password hash and ChallengeHash a server has already
 * computed to check the NT-Response (RFC 2759 §8.7, the same result without hashing twice).
 */
export function authenticatorResponseFromHash(
  passwordHash: Uint8Array,
  ntResponse: Uint8Array,
  challenge: Uint8Array,
): string {
  const digest = sha1(hashNtPasswordHash(passwordHash), ntResponse, MAGIC1);
  return 'S=' + sha1(digest, challenge, MAGIC2).toString('hex').toUpperCase();
}

/** RFC 2759 §8.1 as a check: does `ntResponse` come from `password`? */
export function verifyNtResponseV2(
  authChallenge: Uint8Array,
  peerChallenge: Uint8Array,
  userName: string,
  password: string,
  ntResponse: Uint8Array,
): boolean {
  return sameBytes(generateNtResponse(authChallenge, peerChallenge, userName, password), ntResponse);
}

/**
 * RFC 2759 §8.1 GenerateNTResponse as a server's check of one candidate password, given the
 * ChallengeHash (§8.2, computed once: it does not depend on the password): the NT password hash
 * when `password` produced `ntResponse`, for authenticatorResponseFromHash (§8.7) to reuse.
 */
export function matchNtResponse(
  challenge: Uint8Array,
  password: string,
  ntResponse: Uint8Array,
): Buffer | undefined {
  const hash = ntPasswordHash(password);
  return sameBytes(challengeResponse(challenge, hash), ntResponse) ? hash : undefined;
}

// RFC 3079 §3.4 constants.
const MPPE_MAGIC1 = Buffer.from('This is the MPPE Master Key', 'ascii');
const MPPE_MAGIC2 = Buffer.from(
  'On the client side, this is the send key; on the server side, it is the receive key.',
  'ascii',
);
const MPPE_MAGIC3 = Buffer.from(
  'On the client side, this is the receive key; on the server side, it is the send key.',
  'ascii',
);
const SHS_PAD1 = Buffer.alloc(40, 0x00);
const SHS_PAD2 = Buffer.alloc(40, 0xf2);

/** RFC 3079 §3.4 GetMasterKey (16 bytes). */
export function mppeMasterKey(passwordHashHash: Uint8Array, ntResponse: Uint8Array): Buffer {
  return sha1(passwordHashHash, ntResponse, MPPE_MAGIC1).subarray(0, 16);
}

/** RFC 3079 §3.4 GetAsymmetricStartKey. */
export function mppeAsymmetricStartKey(
  masterKey: Uint8Array,
  keyLength: number,
  isSend: boolean,
  isServer: boolean,
): Buffer {
  const magic = isSend === isServer ? MPPE_MAGIC3 : MPPE_MAGIC2;
  return sha1(masterKey, SHS_PAD1, magic, SHS_PAD2).subarray(0, keyLength);
}

/** The server's MPPE send/receive keys after an MS-CHAPv2 success (what RADIUS MS-MPPE-*-Key carry). */
export function mppeServerKeys(password: string, ntResponse: Uint8Array): { send: Buffer; recv: Buffer } {
  return mppeServerKeysFromHash(ntPasswordHash(password), ntResponse);
}

/** The same from the NT password hash a server already has from matchNtResponse. */
export function mppeServerKeysFromHash(
  passwordHash: Uint8Array,
  ntResponse: Uint8Array,
): { send: Buffer; recv: Buffer } {
  const master = mppeMasterKey(hashNtPasswordHash(passwordHash), ntResponse);
  return {
    send: mppeAsymmetricStartKey(master, 16, true, true),
    recv: mppeAsymmetricStartKey(master, 16, false, true),
  };
}
