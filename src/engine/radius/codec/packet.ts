import { DecodeError } from './errors';
import { MAX_PACKET, MIN_PACKET } from './constants';

/** One attribute as it is on the wire: type and value bytes (a VSA keeps its vendor header in value). */
export interface RawAttribute {
  type: number;
  value: Buffer;
  /** Offset of the Type byte in the packet it was decoded from; -1 when built locally. */
  offset: number;
}

export interface RawPacket {
  code: number;
  identifier: number;
  authenticator: Buffer;
  attributes: RawAttribute[];
}

/**
 * The packet's Length after the RFC 2865 §3 checks, without decoding anything: strict. Length must be 20..4096 and not exceed the datagram (octets beyond Length are
 * padding and ignored, per §3); every attribute must have Length ≥ 2 and end inside the packet.
 * Servers call this per datagram and look attributes up in the bytes (see message.ts).
 */
export function checkPacket(buf: Buffer): number {
  if (buf.length < MIN_PACKET)
    throw new DecodeError(
      'too-short',
      0,
      'Length',
      `packet is ${buf.length} bytes, minimum is ${MIN_PACKET}`,
    );
  const length = buf.readUInt16BE(2);
  if (length < MIN_PACKET)
    throw new DecodeError('length-mismatch', 2, 'Length', `Length field ${length} is below ${MIN_PACKET}`);
  if (length > MAX_PACKET)
    throw new DecodeError('too-long', 2, 'Length', `Length field ${length} exceeds ${MAX_PACKET}`);
  if (length > buf.length)
    throw new DecodeError(
      'length-mismatch',
      2,
      'Length',
      `Length field ${length} exceeds the ${buf.length} bytes received`,
    );
  let off = MIN_PACKET;
  while (off < length) {
    if (off + 2 > length)
      throw new DecodeError(
        'attribute-truncated',
        off,
        'Attribute',
        `attribute header at ${off} runs past the end`,
      );
    const type = buf[off]!;
    const alen = buf[off + 1]!;
    if (alen < 2)
      throw new DecodeError(
        'attribute-length',
        off + 1,
        'Attribute.Length',
        `attribute ${type} has Length ${alen} (minimum 2)`,
      );
    if (off + alen > length)
      throw new DecodeError(
        'attribute-truncated',
        off + 1,
        'Attribute.Length',
        `attribute ${type} (Length ${alen}) runs past the end of the packet`,
      );
    off += alen;
  }
  return length;
}

/** Header and wire attributes of a packet that passes `checkPacket`. */
export function decodeRaw(buf: Buffer): RawPacket {
  const length = checkPacket(buf);
  const attributes: RawAttribute[] = [];
  for (let off = MIN_PACKET; off < length; off += buf[off + 1]!)
    attributes.push({ type: buf[off]!, value: buf.subarray(off + 2, off + buf[off + 1]!), offset: off });
  return { code: buf[0]!, identifier: buf[1]!, authenticator: buf.subarray(4, 20), attributes };
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

/**
 * The offset of the next top-level attribute of `type` at or after `from`, or -1: the one walk that
 * lookups make over bytes checkPacket has already proved well-formed (the lazy message's getAvp,
 * the wrong-secret diagnosis), without decoding the packet.
 */
export function attributeOffset(b: Uint8Array, type: number, from = MIN_PACKET): number {
  for (let off = from; off < b.length; off += b[off + 1]!) if (b[off] === type) return off;
  return -1;
}
