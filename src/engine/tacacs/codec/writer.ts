/** Thrown when a message cannot be encoded (a field longer than its length byte allows). */
export class EncodeError extends RangeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'EncodeError';
  }
}

/** A field as bytes; text is UTF-8 (RFC 8907 fields are octet strings; UTF-8 is what devices send). */
export const toBytes = (v: string | Uint8Array): Uint8Array =>
  typeof v === 'string' ? Buffer.from(v, 'utf8') : v;

export function checkLen(field: string, b: Uint8Array, max: number): Uint8Array {
  if (b.length > max)
    throw new EncodeError(field, `${field} is ${b.length} bytes; the length field allows at most ${max}`);
  return b;
}

/** Fixed-size writer: encoders compute the exact size first, so the output never grows or copies. */
export class Writer {
  readonly buf: Buffer;
  pos = 0;

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  u8(v: number): this {
    this.buf[this.pos++] = v & 0xff;
    return this;
  }

  u16(v: number): this {
    this.buf.writeUInt16BE(v, this.pos);
    this.pos += 2;
    return this;
  }

  u32(v: number): this {
    this.buf.writeUInt32BE(v >>> 0, this.pos);
    this.pos += 4;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.buf.set(b, this.pos);
    this.pos += b.length;
    return this;
  }
}
