import { Buffer } from 'node:buffer';
/**
 * PEAPv0's EAP-TLV / Extensions (type 33; [MS-PEAP] §2.2.8, draft-josefsson-pppext-eap-tls-eap):
 * a sequence of TLVs (M bit, R bit, 14-bit type, 16-bit length). The Result TLV (type 3) carries
 * 1 = Success, 2 = Failure and ends the inner conversation.
 */
export const TLV_TYPE = { Result: 3, CryptoBinding: 12 } as const;
export const RESULT = { Success: 1, Failure: 2 } as const;

export interface Tlv {
  mandatory: boolean;
  type: number;
  value: Buffer;
}

export function encodeTlvs(tlvs: Tlv[]): Buffer {
  return Buffer.concat(
    tlvs.map((t) => {
      const h = Buffer.alloc(4);
      h.writeUInt16BE((t.mandatory ? 0x8000 : 0) | (t.type & 0x3fff), 0);
      h.writeUInt16BE(t.value.length, 2);
      return Buffer.concat([h, t.value]);
    }),
  );
}

export function decodeTlvs(b: Buffer): Tlv[] {
  const out: Tlv[] = [];
  let at = 0;
  while (at < b.length) {
    if (at + 4 > b.length) throw new RangeError(`TLV header at offset ${at} is cut short`);
    const len = b.readUInt16BE(at + 2);
    if (at + 4 + len > b.length)
      throw new RangeError(`TLV at offset ${at} claims ${len} bytes, ${b.length - at - 4} remain`);
    const t = b.readUInt16BE(at);
    out.push({ mandatory: (t & 0x8000) !== 0, type: t & 0x3fff, value: b.subarray(at + 4, at + 4 + len) });
    at += 4 + len;
  }
  return out;
}

export function resultTlv(status: number): Buffer {
  const v = Buffer.alloc(2);
  v.writeUInt16BE(status);
  return encodeTlvs([{ mandatory: true, type: TLV_TYPE.Result, value: v }]);
}

/** The Result TLV's status, if the TLVs carry one. */
export function resultOf(tlvs: Tlv[]): number | undefined {
  const r = tlvs.find((t) => t.type === TLV_TYPE.Result && t.value.length === 2);
  return r?.value.readUInt16BE(0);
}
