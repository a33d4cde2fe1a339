import { Buffer, isUtf8 } from 'node:buffer';
import { md5, md5ThreeInto } from '../../crypto/digest';
import { randomInto } from '../../crypto/random-pool';
import { DecodeError, EncodeError } from './errors';

/**
 * Attribute hiding: User-Password (RFC 2865 §5.2, dictionary encrypt=1) and the salted scheme of
 * Tunnel-Password (RFC 2868 §3.5) and MS-MPPE-*-Key (RFC 2548 §2.4.2, encrypt=2).
 */

/** RFC 2865 §5.2: pad with NULs to a multiple of 16 (≤ 128), then c(i) = p(i) XOR MD5(S + c(i-1)), c(0) = RA. */
export function hidePassword(
  password: Uint8Array,
  secret: Uint8Array,
  requestAuthenticator: Uint8Array,
): Buffer {
  if (password.length > 128)
    throw new EncodeError(`User-Password is ${password.length} bytes; RFC 2865 §5.2 allows 128`);
  const len = Math.max(16, Math.ceil(password.length / 16) * 16);
  const out = Buffer.alloc(len);
  out.set(password);
  let prev: Uint8Array = requestAuthenticator;
  for (let i = 0; i < len; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i + j] = out[i + j]! ^ b[j]!;
    prev = out.subarray(i, i + 16);
  }
  return out;
}

/** The inverse of hidePassword; returns the padded plaintext (callers strip NULs or judge cleanliness). */
export function unhidePasswordPadded(
  hidden: Uint8Array,
  secret: Uint8Array,
  requestAuthenticator: Uint8Array,
  offset = 0,
): Buffer {
  if (hidden.length < 16 || hidden.length % 16 !== 0 || hidden.length > 128) {
    throw new DecodeError(
      'bad-value',
      offset,
      'User-Password',
      `hidden User-Password is ${hidden.length} bytes; must be a multiple of 16 between 16 and 128`,
    );
  }
  const out = Buffer.allocUnsafe(hidden.length); // every byte is written below; pooled, so no ArrayBuffer per request
  let prev: Uint8Array = requestAuthenticator;
  for (let i = 0; i < hidden.length; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) out[i + j] = hidden[i + j]! ^ b[j]!;
    prev = hidden.subarray(i, i + 16);
  }
  return out;
}

export function unhidePassword(
  hidden: Uint8Array,
  secret: Uint8Array,
  requestAuthenticator: Uint8Array,
  offset = 0,
): Buffer {
  return stripNuls(unhidePasswordPadded(hidden, secret, requestAuthenticator, offset));
}

export function stripNuls(b: Buffer): Buffer {
  let end = b.length;
  while (end > 0 && b[end - 1] === 0) end--;
  return b.subarray(0, end);
}

/**
 * Does a decrypted User-Password look like what a person typed? Printable UTF-8 up to the first NUL,
 * only NULs after it. With a wrong secret the padding is random, so a false "clean" is ~2^-8 per
 * padding byte; with no padding (a 16-byte password) we only have printability to go on.
 */
export function looksClean(padded: Buffer): boolean {
  let end = padded.indexOf(0);
  if (end === -1) end = padded.length;
  if (end === 0) return false;
  for (let i = end; i < padded.length; i++) if (padded[i] !== 0) return false;
  let ascii = true;
  for (let i = 0; i < end; i++) {
    const c = padded[i]!;
    if (c < 0x20 || c === 0x7f) return false;
    if (c >= 0x80) ascii = false;
  }
  return ascii || isUtf8(padded.subarray(0, end));
}

/** RFC 2868 §3.5: Salt (high bit set) + hidden(length byte + data + NUL padding). `salt`: 2 bytes. */
export function hideSalted(
  data: Uint8Array,
  secret: Uint8Array,
  requestAuthenticator: Uint8Array,
  salt?: Uint8Array,
): Buffer {
  if (data.length > 249) throw new EncodeError(`salted value is ${data.length} bytes; at most 249 fit`);
  if (salt && salt.length !== 2)
    throw new RangeError(`a salt is 2 bytes (RFC 2868 §3.5), not ${salt.length}`);
  const plainLen = Math.max(16, Math.ceil((data.length + 1) / 16) * 16);
  const out = Buffer.alloc(2 + plainLen);
  if (salt) out.set(salt, 0);
  else randomInto(out, 0, 2);
  out[0] = out[0]! | 0x80;
  out[2] = data.length;
  out.set(data, 3);
  // b(1) = MD5(S + R + A), then b(i) = MD5(S + c(i-1)); c(i) = p(i) XOR b(i). Hashed in place.
  const mask = SALT_MASK;
  for (let i = 2; i < out.length; i += 16) {
    if (i === 2) md5ThreeInto(secret, requestAuthenticator, out.subarray(0, 2), mask);
    else md5ThreeInto(secret, out.subarray(i - 16, i), EMPTY, mask);
    for (let j = 0; j < 16; j++) out[i + j] = out[i + j]! ^ mask[j]!;
  }
  return out;
}
const SALT_MASK = new Uint8Array(16);
const EMPTY = new Uint8Array(0);

export function unhideSalted(
  value: Uint8Array,
  secret: Uint8Array,
  requestAuthenticator: Uint8Array,
  offset = 0,
  field = 'Tunnel-Password',
): Buffer {
  const body = value.length - 2;
  if (body < 16 || body % 16 !== 0) {
    throw new DecodeError(
      'bad-value',
      offset,
      field,
      `salted value is ${value.length} bytes; must be 2 + a multiple of 16`,
    );
  }
  const plain = Buffer.alloc(body);
  let prev: Uint8Array = Buffer.concat([requestAuthenticator, value.subarray(0, 2)]);
  for (let i = 0; i < body; i += 16) {
    const b = md5(secret, prev);
    for (let j = 0; j < 16; j++) plain[i + j] = value[2 + i + j]! ^ b[j]!;
    prev = value.subarray(2 + i, 2 + i + 16);
  }
  const n = plain[0]!;
  if (n > body - 1)
    throw new DecodeError(
      'bad-value',
      offset,
      field,
      `decrypted length ${n} exceeds the ${body - 1} bytes carried (wrong secret?)`,
    );
  return plain.subarray(1, 1 + n);
}
