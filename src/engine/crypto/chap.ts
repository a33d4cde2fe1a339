import { Buffer } from 'node:buffer';
import { createHash } from 'node:crypto';
import { sameBytes } from './same-bytes';

/** RFC 1994 §4.1: Response = MD5(Identifier || secret || Challenge). */
export function chapResponse(id: number, secret: string | Uint8Array, challenge: Uint8Array): Buffer {
  return createHash('md5')
    .update(Uint8Array.of(id & 0xff))
    .update(typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret)
    .update(challenge)
    .digest();
}

/** Constant-time comparison of a received CHAP response against the expected one. */
export function chapVerify(id: number, secret: string, challenge: Uint8Array, response: Uint8Array): boolean {
  const expected = chapResponse(id, secret, challenge);
  return sameBytes(expected, response);
}
