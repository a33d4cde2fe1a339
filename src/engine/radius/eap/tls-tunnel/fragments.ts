import { Buffer } from 'node:buffer';
/**
 * RFC 5216 §3.1 (and RFC 5281 §9.1, PEAP §3.1): the Type-Data of EAP-TLS, EAP-TTLS and PEAP is
 * Flags (L M S R R V V V), a 4-byte TLS Message Length when L is set, then TLS data. Pure bytes:
 * this module never sees a socket.
 */

export const TLS_FLAG = { Length: 0x80, More: 0x40, Start: 0x20 } as const;

/** Low three bits: the PEAP/TTLS version (0 for EAP-TLS, TTLSv0, PEAPv0). */
const VERSION_MASK = 0x07;

export interface TlsTypeData {
  length?: number;
  more: boolean;
  start: boolean;
  version: number;
  data: Buffer;
}

export class TlsFrameError extends Error {
  constructor(
    message: string,
    readonly field: 'flags' | 'length' | 'data',
  ) {
    super(message);
    this.name = 'TlsFrameError';
  }
}

export function decodeTlsTypeData(typeData: Buffer): TlsTypeData {
  if (typeData.length < 1) throw new TlsFrameError('no Flags byte: the Type-Data is empty', 'flags');
  const flags = typeData[0]!;
  const hasLength = (flags & TLS_FLAG.Length) !== 0;
  if (hasLength && typeData.length < 5)
    throw new TlsFrameError(
      `the L flag is set but only ${typeData.length - 1} bytes follow (a 4-byte TLS Message Length was expected)`,
      'length',
    );
  return {
    length: hasLength ? typeData.readUInt32BE(1) : undefined,
    more: (flags & TLS_FLAG.More) !== 0,
    start: (flags & TLS_FLAG.Start) !== 0,
    version: flags & VERSION_MASK,
    data: typeData.subarray(hasLength ? 5 : 1),
  };
}

export function encodeTlsTypeData(t: TlsTypeData): Buffer {
  let flags = t.version & VERSION_MASK;
  if (t.more) flags |= TLS_FLAG.More;
  if (t.start) flags |= TLS_FLAG.Start;
  const head = t.length === undefined ? 1 : 5;
  // One buffer, every byte written below (one per EAP round: cheaper than concatenating a header).
  const out = Buffer.allocUnsafe(head + t.data.length);
  if (t.length === undefined) out[0] = flags;
  else {
    out[0] = flags | TLS_FLAG.Length;
    out.writeUInt32BE(t.length, 1);
  }
  t.data.copy(out, head);
  return out;
}

/**
 * RFC 5216 §2.1.5: splits one outgoing TLS message into fragments of at most `size` bytes. The first
 * of several carries L and the total length; all but the last carry M. A message that fits goes
 * whole, without L (the RFC makes L optional there).
 */
export function fragment(message: Buffer, size: number, version: number): TlsTypeData[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`fragment size must be ≥ 1 (got ${size})`);
  if (message.length <= size) return [{ more: false, start: false, version, data: message }];
  const out: TlsTypeData[] = [];
  for (let at = 0; at < message.length; at += size) {
    const data = message.subarray(at, at + size);
    out.push({
      length: at === 0 ? message.length : undefined,
      more: at + size < message.length,
      start: false,
      version,
      data,
    });
  }
  return out;
}
