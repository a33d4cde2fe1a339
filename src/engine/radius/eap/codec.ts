import { Buffer } from 'node:buffer';
import { EAP_CODE } from './method';

/**
 * EAP packets (RFC 3748 §4) as bytes ⇄ typed messages, and their carriage in RADIUS EAP-Message
 * attributes (RFC 3579 §3.1). Pure: no trace, config or policy here.
 */

/** RFC 3748 §4: Code(1) Identifier(1) Length(2) [Type(1) Type-Data]. */
export interface EapPacket {
  code: number;
  identifier: number;
  /** Request/Response only (RFC 3748 §4.1); Success/Failure have none (§4.2). */
  type?: number;
  typeData: Buffer;
}

/** The 16-bit Length field's ceiling; the conversation sets its own, lower limit. */
export const EAP_MAX_LENGTH = 65535;
/** RFC 2865 §5: an attribute carries at most 253 bytes of value. */
export const EAP_MESSAGE_CHUNK = 253;

export const EAP_DECODE_ERROR_CODES = [
  'too-short',
  'too-long',
  'length-mismatch',
  'bad-code',
  'missing-type',
  'unexpected-data',
] as const;
export type EapDecodeErrorCode = (typeof EAP_DECODE_ERROR_CODES)[number];

/** Why an EAP packet could not be decoded; `offset` is into the (reassembled) EAP packet. */
export class EapDecodeError extends Error {
  constructor(
    readonly code: EapDecodeErrorCode,
    readonly offset: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EapDecodeError';
  }
}

const CODE_NAMES: Record<number, string> = {
  [EAP_CODE.Request]: 'Request',
  [EAP_CODE.Response]: 'Response',
  [EAP_CODE.Success]: 'Success',
  [EAP_CODE.Failure]: 'Failure',
};

export function eapCodeName(code: number): string {
  return CODE_NAMES[code] ?? `Code ${code}`;
}

const TYPE_NAMES: Record<number, string> = {
  1: 'Identity',
  2: 'Notification',
  3: 'Legacy Nak',
  4: 'MD5-Challenge',
  5: 'One-Time Password',
  6: 'Generic Token Card',
  13: 'EAP-TLS',
  17: 'LEAP',
  21: 'EAP-TTLS',
  25: 'PEAP',
  26: 'EAP-MSCHAPv2',
  33: 'Extensions',
  43: 'EAP-FAST',
  254: 'Expanded Type',
  255: 'Experimental',
};

export function eapTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `Type ${type}`;
}

/**
 * Decodes one EAP packet. RFC 3748 §4: octets beyond Length are link-layer padding and ignored; a
 * Length larger than what arrived means discard. `maxLength` bounds what a caller accepts.
 */
export function decodeEap(buf: Buffer, maxLength = EAP_MAX_LENGTH): EapPacket {
  if (buf.length < 4)
    throw new EapDecodeError('too-short', 0, 'header', `EAP packet of ${buf.length} bytes (at least 4)`);
  const code = buf[0]!;
  const identifier = buf[1]!;
  const length = buf.readUInt16BE(2);
  if (!CODE_NAMES[code]) throw new EapDecodeError('bad-code', 0, 'Code', `unknown EAP code ${code} (1-4)`);
  if (length < 4)
    throw new EapDecodeError('length-mismatch', 2, 'Length', `Length ${length} is below the header's 4`);
  if (length > maxLength)
    throw new EapDecodeError('too-long', 2, 'Length', `Length ${length} is over the limit of ${maxLength}`);
  if (length > buf.length)
    throw new EapDecodeError(
      'length-mismatch',
      2,
      'Length',
      `Length ${length} but only ${buf.length} bytes arrived`,
    );
  if (code === EAP_CODE.Success || code === EAP_CODE.Failure) {
    // RFC 3748 §4.2: Success and Failure are exactly the 4-byte header.
    if (length !== 4)
      throw new EapDecodeError(
        'unexpected-data',
        4,
        'Data',
        `EAP-${eapCodeName(code)} with Length ${length} (must be 4)`,
      );
    return { code, identifier, typeData: Buffer.alloc(0) };
  }
  if (length < 5)
    throw new EapDecodeError('missing-type', 4, 'Type', `EAP-${eapCodeName(code)} without a Type`);
  return { code, identifier, type: buf[4]!, typeData: buf.subarray(5, length) };
}

/** The packet's wire length (what `encodeEap` produces). */
export function eapLength(p: EapPacket): number {
  return p.type === undefined ? 4 : 5 + p.typeData.length;
}

export function encodeEap(p: EapPacket): Buffer {
  const len = eapLength(p);
  if (len > EAP_MAX_LENGTH) throw new RangeError(`EAP packet of ${len} bytes is over ${EAP_MAX_LENGTH}`);
  // Every byte is written below. allocUnsafe takes a slice of Node's pool, off V8's heap: a
  // Buffer.alloc of 64 bytes or fewer (ACKs, Starts, Success/Failure) lives on the heap and is
  // moved off it, at a cost, the first time a view of it is made (splitEap, the reply encoder).
  const out = Buffer.allocUnsafe(len);
  out[0] = p.code;
  out[1] = p.identifier;
  out.writeUInt16BE(len, 2);
  if (p.type !== undefined) {
    out[4] = p.type;
    p.typeData.copy(out, 5);
  }
  return out;
}

/**
 * RFC 3579 §3.1: the EAP packet is the concatenation of every EAP-Message attribute, in order.
 * Refuses before copying when the total is over `maxBytes` (the reassembly limit).
 */
export function reassembleEap(values: readonly Buffer[], maxBytes: number): Buffer {
  let total = 0;
  for (const v of values) total += v.length;
  if (total > maxBytes)
    throw new EapDecodeError(
      'too-long',
      0,
      'EAP-Message',
      `EAP-Message attributes total ${total} bytes, over the limit of ${maxBytes}`,
    );
  return values.length === 1 ? values[0]! : Buffer.concat(values, total);
}

/** Splits an EAP packet into EAP-Message values of at most 253 bytes (RFC 3579 §3.1). */
export function splitEap(packet: Buffer): Buffer[] {
  // Most packets fit one attribute: no view of them.
  if (packet.length <= EAP_MESSAGE_CHUNK) return packet.length ? [packet] : [];
  const out: Buffer[] = [];
  for (let i = 0; i < packet.length; i += EAP_MESSAGE_CHUNK)
    out.push(packet.subarray(i, i + EAP_MESSAGE_CHUNK));
  return out;
}

/** RFC 3748 §5.3.1: a Nak's Type-Data lists the types the peer wants; 0 means none is acceptable. */
export function nakDesired(typeData: Buffer): number[] {
  return [...typeData].filter((t) => t !== 0);
}
