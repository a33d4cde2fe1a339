import { Buffer } from 'node:buffer';
/**
 * Diameter AVPs as EAP-TTLS carries them (RFC 5281 §10, layout of RFC 6733 §4.1): Code (4),
 * Flags V/M (1), Length (3, header included, padding excluded), Vendor-ID (4) when V, Data, then
 * padding to a 4-byte boundary. Pure bytes.
 */
export const AVP_FLAG = { Vendor: 0x80, Mandatory: 0x40 } as const;

export interface Avp {
  code: number;
  vendorId?: number;
  mandatory: boolean;
  data: Buffer;
}

export class AvpError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
    this.name = 'AvpError';
  }
}

/** Most AVPs one message may carry (a TTLS client sends 2-4). */
export const MAX_AVPS = 64;

export function encodeAvp(a: Avp): Buffer {
  const headLen = a.vendorId !== undefined ? 12 : 8;
  const length = headLen + a.data.length;
  if (length > 0xffffff) throw new RangeError(`AVP ${a.code} is too long (${length} bytes)`);
  const out = Buffer.alloc((length + 3) & ~3);
  out.writeUInt32BE(a.code >>> 0, 0);
  out[4] = (a.vendorId !== undefined ? AVP_FLAG.Vendor : 0) | (a.mandatory ? AVP_FLAG.Mandatory : 0);
  out.writeUIntBE(length, 5, 3);
  if (a.vendorId !== undefined) out.writeUInt32BE(a.vendorId >>> 0, 8);
  a.data.copy(out, headLen);
  return out;
}

export function encodeAvps(avps: Avp[]): Buffer {
  return Buffer.concat(avps.map(encodeAvp));
}

/** Decodes a sequence of AVPs with each one's offset; the last AVP's padding may be absent. */
export function decodeAvps(b: Buffer): Array<Avp & { offset: number; length: number }> {
  const out: Array<Avp & { offset: number; length: number }> = [];
  let at = 0;
  while (at < b.length) {
    if (out.length >= MAX_AVPS) throw new AvpError(`more than ${MAX_AVPS} AVPs`, at);
    if (at + 8 > b.length)
      throw new AvpError(`AVP header at offset ${at} is cut short (${b.length - at} bytes)`, at);
    const flags = b[at + 4]!;
    const length = b.readUIntBE(at + 5, 3);
    const vendor = (flags & AVP_FLAG.Vendor) !== 0;
    const headLen = vendor ? 12 : 8;
    if (length < headLen)
      throw new AvpError(`AVP at offset ${at} has length ${length}, under its ${headLen}-byte header`, at);
    if (at + length > b.length)
      throw new AvpError(`AVP at offset ${at} claims ${length} bytes, only ${b.length - at} remain`, at);
    out.push({
      code: b.readUInt32BE(at),
      vendorId: vendor ? b.readUInt32BE(at + 8) : undefined,
      mandatory: (flags & AVP_FLAG.Mandatory) !== 0,
      data: b.subarray(at + headLen, at + length),
      offset: at,
      length,
    });
    at += (length + 3) & ~3;
  }
  return out;
}
