import { Buffer } from 'node:buffer';
import { MAX_PACKET, MIN_PACKET } from './constants';

/**
 * One attribute to encode: type and value bytes (a VSA keeps its vendor header in value). Received
 * packets are read through their AttributeIndex (attribute-index.ts) instead.
 */
export interface RawAttribute {
  type: number;
  value: Buffer;
}

/**
 * Encodes header and attributes; the caller fills authenticator and Message-Authenticator (see
 * sign.ts). With `leadingMA`, a zeroed Message-Authenticator goes first (at offset 20, value at 22)
 * without the caller building a new attribute list for it.
 */
export function encodeRaw(
  code: number,
  identifier: number,
  authenticator: Uint8Array,
  attributes: readonly RawAttribute[],
  leadingMA = false,
): Buffer {
  let length = MIN_PACKET + (leadingMA ? 18 : 0);
  for (const a of attributes) {
    if (a.value.length > 253)
      throw new RangeError(`attribute ${a.type} value is ${a.value.length} bytes (max 253)`);
    length += 2 + a.value.length;
  }
  if (length > MAX_PACKET) throw new RangeError(`packet would be ${length} bytes (max ${MAX_PACKET})`);
  const buf = Buffer.allocUnsafe(length);
  buf[0] = code;
  buf[1] = identifier & 0xff;
  buf.writeUInt16BE(length, 2);
  buf.set(authenticator.subarray(0, 16), 4);
  let off = MIN_PACKET;
  if (leadingMA) {
    buf[off] = ATTR_MESSAGE_AUTHENTICATOR;
    buf[off + 1] = 18;
    buf.fill(0, off + 2, off + 18);
    off += 18;
  }
  for (const a of attributes) {
    buf[off] = a.type;
    buf[off + 1] = a.value.length + 2;
    buf.set(a.value, off + 2);
    off += 2 + a.value.length;
  }
  return buf;
}

/** RFC 3579 §3.2 Message-Authenticator (type 80). */
const ATTR_MESSAGE_AUTHENTICATOR = 80;
