import { Buffer } from 'node:buffer';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { ATTR, CODES, hasComputedRequestAuthenticator } from './constants';
import { hmacMd5, hmacMd5Into, md5, md5WithSecretInto } from '../../crypto/digest';
import { scanAttributes, type AttributeIndex } from './attribute-index';
import { encodeRaw, type RawAttribute } from './packet';

/**
 * Authenticators and Message-Authenticator for every code:
 * - Access-Request / Status-Server: random Request Authenticator (RFC 2865 §3, RFC 5997 §3);
 * - Accounting / CoA / Disconnect requests: MD5(Code+Id+Length+16 zero octets+Attributes+Secret)
 *   (RFC 2866 §3, RFC 5176 §3);
 * - replies: MD5(Code+Id+Length+Request Authenticator+Attributes+Secret) (RFC 2865 §3);
 * - Message-Authenticator: HMAC-MD5 over the packet with itself zeroed (RFC 3579 §3.2), with the
 *   Request Authenticator in place for replies and 16 zero octets for Accounting/CoA/Disconnect
 *   requests (RFC 5176 §3.1).
 * Replies put Message-Authenticator first (BlastRADIUS, CVE-2024-3596 mitigation).
 */

export type SecretBytes = Uint8Array;
const ZERO16 = Buffer.alloc(16);
/** The Message-Authenticator and authenticator a verification zeroes for a moment. */
const SAVED = new Uint8Array(32);
const DIGEST = Buffer.alloc(16);

export function secretBytes(secret: string | Uint8Array): Buffer {
  return typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
}

export function randomAuthenticator(): Buffer {
  return randomBytes(16);
}

export interface SignOptions {
  /** Add a Message-Authenticator (first). Default true. */
  messageAuthenticator?: boolean;
  /**
   * Authenticator field while computing a reply's Message-Authenticator: the request's (RFC 3579
   * §3.2, every Access-* and CoA/Disconnect reply) or zeros (FreeRADIUS signs Accounting-Response to an
   * Accounting-Request that way, mirroring RFC 5176 §3.1).
   */
  maVector?: 'request' | 'zero';
}

/** Builds and signs a request. For Access-Request/Status-Server pass the authenticator used to hide passwords. */
export function signRequest(
  code: number,
  identifier: number,
  attributes: readonly RawAttribute[],
  secret: SecretBytes,
  opts: SignOptions & { authenticator?: Uint8Array } = {},
): Buffer {
  const computed = hasComputedRequestAuthenticator(code);
  const auth = computed ? ZERO16 : (opts.authenticator ?? randomAuthenticator());
  const wantMA = opts.messageAuthenticator ?? true;
  const { bytes, maOffset } = withMessageAuthenticator(code, identifier, auth, attributes, wantMA);
  if (maOffset >= 0) writeHmac(bytes, maOffset, secret);
  if (computed) md5WithSecretInto(bytes, secret, bytes, 4);
  return bytes;
}

/** Builds and signs a reply to a request whose authenticator is `requestAuthenticator`. */
export function signResponse(
  code: number,
  identifier: number,
  attributes: readonly RawAttribute[],
  secret: SecretBytes,
  requestAuthenticator: Uint8Array,
  opts: SignOptions = {},
): Buffer {
  const vector = (opts.maVector ?? replyMaVector(code)) === 'zero' ? ZERO16 : requestAuthenticator;
  const { bytes, maOffset } = withMessageAuthenticator(
    code,
    identifier,
    vector,
    attributes,
    opts.messageAuthenticator ?? true,
  );
  if (maOffset >= 0) writeHmac(bytes, maOffset, secret);
  bytes.set(requestAuthenticator, 4);
  md5WithSecretInto(bytes, secret, bytes, 4);
  return bytes;
}

function withMessageAuthenticator(
  code: number,
  id: number,
  auth: Uint8Array,
  attrs: readonly RawAttribute[],
  want: boolean,
) {
  let existing = -1;
  for (let i = 0; i < attrs.length; i++)
    if (attrs[i]!.type === ATTR.MessageAuthenticator) {
      existing = i;
      break;
    }
  // The common case (replies): Message-Authenticator first, written by encodeRaw itself.
  if (want && existing === -1) return { bytes: encodeRaw(code, id, auth, attrs, true), maOffset: 22 };
  let list: readonly RawAttribute[] = attrs;
  if (!want && existing !== -1) list = attrs.filter((a) => a.type !== ATTR.MessageAuthenticator);
  else if (existing !== -1) list = attrs.map((a, i) => (i === existing ? { ...a, value: ZERO16 } : a));
  const bytes = encodeRaw(code, id, auth, list);
  return { bytes, maOffset: want ? locateMA(bytes) : -1 };
}

function writeHmac(bytes: Buffer, valueOffset: number, secret: SecretBytes): void {
  bytes.fill(0, valueOffset, valueOffset + 16);
  hmacMd5Into(secret, bytes, bytes, valueOffset);
}

/** Offset of the Message-Authenticator value in encoded bytes, or -1. */
function locateMA(bytes: Buffer): number {
  return scanMA(scanAttributes(bytes)).offset;
}

/**
 * Every Message-Authenticator in a packet: the value offset of the first 18-octet one (-1 if none),
 * and a fault when one cannot be verified by construction — an attribute whose length is not 18
 * (RFC 3579 §3.2 fixes it) or more than one instance (RFC 3579 §3.3 table: "0-1").
 */
function scanMA(index: AttributeIndex): { offset: number; fault?: MAFault } {
  let offset = -1;
  let count = 0;
  let fault: MAFault | undefined;
  for (
    let i = index.find(ATTR.MessageAuthenticator);
    i >= 0;
    i = index.find(ATTR.MessageAuthenticator, i + 1)
  ) {
    count++;
    if (index.length(i) !== 18) fault ??= 'length';
    else if (offset < 0) offset = index.offset(i) + 2;
  }
  if (count > 1) fault = 'multiple';
  return fault ? { offset, fault } : { offset };
}

export type Check = 'ok' | 'bad' | 'absent';

/** Why a Message-Authenticator cannot be verified before any HMAC is computed. */
export type MAFault = 'length' | 'multiple';

export interface RequestChecks {
  /** 'absent' for Access-Request/Status-Server, whose authenticator is random. */
  authenticator: Check;
  messageAuthenticator: Check;
  /** Set (with messageAuthenticator 'bad') when the attribute is malformed or repeated. */
  maFault?: MAFault;
}

/** The drop reason (metrics label) for a request whose Message-Authenticator is 'bad'. */
export function maDropReason(c: RequestChecks): string {
  if (c.maFault === 'length') return 'message-authenticator-length';
  if (c.maFault === 'multiple') return 'message-authenticator-multiple';
  return 'bad-message-authenticator';
}

/** What the trace says about a 'bad' Message-Authenticator (the caller adds the secret diagnosis). */
export function maProblemText(c: RequestChecks, whose: string): string {
  if (c.maFault === 'length')
    return 'Message-Authenticator with a length other than 18 octets (RFC 3579 §3.2): cannot be verified, discarded';
  if (c.maFault === 'multiple')
    return 'more than one Message-Authenticator (RFC 3579 §3.3 allows 0-1): cannot be verified, discarded';
  return `Message-Authenticator does not verify with ${whose}`;
}

/**
 * Verifies a received request (bytes cut to its Length); `index`: its attributes, when the caller
 * has already scanned them (a decoded message's index).
 */
export function verifyRequest(
  bytes: Buffer,
  secret: SecretBytes,
  index: AttributeIndex = scanAttributes(bytes),
): RequestChecks {
  const code = bytes[0]!;
  const computed = hasComputedRequestAuthenticator(code);
  const scan = scanMA(index);
  const maOff = scan.offset;
  let ma: Check = 'absent';
  if (scan.fault) ma = 'bad';
  else if (maOff >= 0) {
    // Zeroed in place and restored (this runs per request; a copy of the packet was garbage).
    const saved = SAVED;
    for (let i = 0; i < 16; i++) {
      saved[i] = bytes[maOff + i]!;
      saved[16 + i] = bytes[4 + i]!;
      bytes[maOff + i] = 0;
      if (computed) bytes[4 + i] = 0;
    }
    const h = DIGEST;
    hmacMd5Into(secret, bytes, h, 0);
    for (let i = 0; i < 16; i++) {
      bytes[maOff + i] = saved[i]!;
      bytes[4 + i] = saved[16 + i]!;
    }
    ma = equal16(h, bytes, maOff) ? 'ok' : 'bad';
  }
  let auth: Check = 'absent';
  if (computed) {
    for (let i = 0; i < 16; i++) {
      SAVED[i] = bytes[4 + i]!;
      bytes[4 + i] = 0;
    }
    md5WithSecretInto(bytes, secret, DIGEST, 0);
    for (let i = 0; i < 16; i++) bytes[4 + i] = SAVED[i]!;
    auth = equal16(DIGEST, bytes, 4) ? 'ok' : 'bad';
  }
  return scan.fault
    ? { authenticator: auth, messageAuthenticator: ma, maFault: scan.fault }
    : { authenticator: auth, messageAuthenticator: ma };
}

/** Verifies a reply against the request it answers (`index` as for verifyRequest). */
export function verifyResponse(
  bytes: Buffer,
  requestAuthenticator: Uint8Array,
  secret: SecretBytes,
  index: AttributeIndex = scanAttributes(bytes),
  maVector: 'request' | 'zero' = replyMaVector(bytes[0]!),
): RequestChecks {
  const h = md5(bytes.subarray(0, 4), requestAuthenticator, bytes.subarray(20), secret);
  const auth: Check = equal16(h, bytes, 4) ? 'ok' : 'bad';
  const scan = scanMA(index);
  const maOff = scan.offset;
  let ma: Check = 'absent';
  if (scan.fault) ma = 'bad';
  else if (maOff >= 0) {
    const copy = Buffer.from(bytes);
    if (maVector === 'zero') copy.fill(0, 4, 20);
    else copy.set(requestAuthenticator, 4);
    copy.fill(0, maOff, maOff + 16);
    ma = equal16(hmacMd5(secret, copy), bytes, maOff) ? 'ok' : 'bad';
  }
  return scan.fault
    ? { authenticator: auth, messageAuthenticator: ma, maFault: scan.fault }
    : { authenticator: auth, messageAuthenticator: ma };
}

/** `a` equals the 16 bytes of `b` at `off`, in constant time. */
function equal16(a: Buffer, b: Buffer, off: number): boolean {
  return b.length >= off + 16 && timingSafeEqual(a.subarray(0, 16), b.subarray(off, off + 16));
}

/**
 * Which authenticator a reply's Message-Authenticator is computed over. RFC 3579 §3.2 and RFC 5176 §3.1:
 * the request's, for Access-* and CoA/Disconnect ACK/NAK. Accounting-Response has no RFC rule; FreeRADIUS
 * 3.2 (rad_sign/rad_verify) uses 16 zero octets unless it answers a Status-Server, and radclient checks it
 * that way, so we do the same.
 */
export function replyMaVector(replyCode: number, requestCode?: number): 'request' | 'zero' {
  if (requestCode === CODES['Status-Server']) return 'request';
  return replyCode === CODES['Accounting-Response'] ? 'zero' : 'request';
}

export function isAccessLike(code: number): boolean {
  return code === CODES['Access-Request'] || code === CODES['Status-Server'];
}
