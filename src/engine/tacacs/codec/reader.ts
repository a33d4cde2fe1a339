import type { FieldNode } from '../../packet-view';

/** Why a TACACS+ packet could not be decoded; `offset` is relative to the whole packet (header included). */
export class DecodeError extends Error {
  constructor(
    readonly code: 'truncated' | 'length-mismatch' | 'bad-version' | 'bad-type' | 'too-long' | 'bad-value',
    readonly offset: number,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'DecodeError';
  }
}

/**
 * A bounds-checked cursor over a packet body. With a `spans` array it also records a FieldNode per
 * field read, so dissection is the same decode pass as parsing (DESIGN.md §2), not a second decoder.
 */
export class Reader {
  pos = 0;

  constructor(
    readonly buf: Uint8Array,
    /** Offset of `buf[0]` in the whole packet, for error offsets and spans. */
    readonly base: number,
    readonly spans?: FieldNode[],
  ) {}

  need(n: number, field: string): void {
    if (this.pos + n > this.buf.length) {
      throw new DecodeError(
        'truncated',
        this.base + this.pos,
        field,
        `${field} needs ${n} byte(s) at offset ${this.base + this.pos} but the body ends at ${this.base + this.buf.length}`,
      );
    }
  }

  // Span closures only when recording: the server's decode pass runs without spans, per packet.
  u8(field: string, show?: (v: number) => string): number {
    this.need(1, field);
    const v = this.buf[this.pos]!;
    if (this.spans) this.#span(field, 1, show ? () => show(v) : () => String(v));
    this.pos += 1;
    return v;
  }

  u16(field: string): number {
    this.need(2, field);
    const v = (this.buf[this.pos]! << 8) | this.buf[this.pos + 1]!;
    if (this.spans) this.#span(field, 2, () => String(v));
    this.pos += 2;
    return v;
  }

  /** `secret`: the field holds a password; marked so exports blank it even when shown in clear. */
  bytes(field: string, n: number, show?: (b: Uint8Array) => string, secret = false): Uint8Array {
    this.need(n, field);
    const b = this.buf.subarray(this.pos, this.pos + n);
    if (this.spans) this.#span(field, n, () => (show ? show(b) : hexPreview(b)), secret);
    this.pos += n;
    return b;
  }

  text(field: string, n: number, hidden = false, secret = hidden): string {
    if (!this.spans && Buffer.isBuffer(this.buf)) {
      // The server's pass: ASCII (user, port, rem_addr) straight from the body, no view per field.
      this.need(n, field);
      const start = this.pos;
      this.pos += n;
      return n === 0 ? '' : asciiOrUtf8(this.buf, start, this.pos);
    }
    const b = this.bytes(field, n, hidden ? showHidden : showText, secret);
    return n === 0 ? '' : utf8(b);
  }

  /** §4.1/§5: every length field must account for the body exactly; leftovers mean an inconsistent packet. */
  end(): void {
    if (this.pos !== this.buf.length) {
      throw new DecodeError(
        'length-mismatch',
        this.base + this.pos,
        'body',
        `body is ${this.buf.length} bytes but its length fields describe ${this.pos}`,
      );
    }
  }

  /** Adds a grouping node spanning from `start` (body-relative) to the current position. */
  group(label: string, start: number, count: number): void {
    if (!this.spans) return;
    const children = this.spans.splice(this.spans.length - count, count);
    this.spans.push({ label, offset: this.base + start, length: this.pos - start, children });
  }

  #span(label: string, length: number, value: () => string, secret = false): void {
    if (!this.spans) return;
    const node: FieldNode = { label, value: value(), offset: this.base + this.pos, length };
    if (secret) node.secret = true;
    this.spans.push(node);
  }
}

const decoder = new TextDecoder('utf-8');
export const utf8 = (b: Uint8Array): string => decoder.decode(b);

/** utf8(buf[start, end)): ASCII (nearly every field) as latin1, which is the same text; else the decoder. */
function asciiOrUtf8(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return utf8(buf.subarray(start, end));
  return buf.toString('latin1', start, end);
}
const showHidden = (x: Uint8Array): string => `hidden (${x.length} bytes)`;
const showText = (x: Uint8Array): string => JSON.stringify(utf8(x));

export function hexPreview(b: Uint8Array, max = 32): string {
  if (b.length === 0) return '(empty)';
  const hex = Buffer.from(b.buffer, b.byteOffset, Math.min(b.length, max)).toString('hex');
  return b.length > max ? `${hex}… (${b.length} bytes)` : `${hex} (${b.length} bytes)`;
}
