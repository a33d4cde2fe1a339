import { HEADER_LENGTH } from './constants';
import { checkBodyLength, checkVersion, DEFAULT_MAX_BODY } from './packet';

/**
 * TCP stream → whole TACACS+ packets (header + body), incremental: any chunking of the same bytes
 * yields the same packets. Chunks are queued and joined once a packet is complete, so a peer that
 * dribbles bytes costs O(n), not O(n²). The header's length is checked against the limit before
 * anything is buffered for the body: a 0x7fffffff length fails at byte 12. It applies only the
 * header rules framing needs (version, length limit: packet.ts's own checks); the server decodes
 * the rest of the header once, from the packet it is handed.
 */
export class Framer {
  #chunks: Buffer[] = [];
  #buffered = 0;
  /** Bytes needed before the next parse attempt (12 until a header is seen, then 12 + length). */
  #need = HEADER_LENGTH;

  constructor(readonly maxBodyLength = DEFAULT_MAX_BODY) {}

  /** Bytes received but not yet part of a whole packet. */
  get buffered(): number {
    return this.#buffered;
  }

  /** Feeds bytes; returns every packet completed by them. Throws DecodeError on an impossible header. */
  push(chunk: Uint8Array): Buffer[] {
    if (chunk.length === 0) return [];
    this.#chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length));
    this.#buffered += chunk.length;
    if (this.#buffered < this.#need) {
      if (this.#need === HEADER_LENGTH) this.#checkVersionEarly();
      return [];
    }
    let buf = this.#chunks.length === 1 ? this.#chunks[0]! : Buffer.concat(this.#chunks, this.#buffered);
    const out: Buffer[] = [];
    let off = 0;
    for (;;) {
      const avail = buf.length - off;
      if (avail < HEADER_LENGTH) {
        this.#need = HEADER_LENGTH;
        break;
      }
      const len = this.#checkHeader(buf, off);
      if (avail < HEADER_LENGTH + len) {
        this.#need = HEADER_LENGTH + len;
        break;
      }
      out.push(buf.subarray(off, off + HEADER_LENGTH + len));
      off += HEADER_LENGTH + len;
    }
    buf = buf.subarray(off);
    this.#chunks = buf.length ? [buf] : [];
    this.#buffered = buf.length;
    if (buf.length && this.#need === HEADER_LENGTH) this.#checkVersionEarly();
    return out;
  }

  #checkHeader(buf: Buffer, off: number): number {
    checkVersion(buf[off]!);
    const len = buf.readUInt32BE(off + 8);
    checkBodyLength(len, this.maxBodyLength);
    return len;
  }

  /** A stream of garbage is refused at its first byte rather than after 12. */
  #checkVersionEarly(): void {
    const first = this.#chunks[0]?.[0];
    if (first !== undefined) checkVersion(first);
  }
}
