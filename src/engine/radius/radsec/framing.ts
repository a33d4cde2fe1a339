import { Buffer } from 'node:buffer';
import { MAX_PACKET, MIN_PACKET } from '../codec/constants';

/**
 * RFC 6614 §2.5 / RFC 6613 §2.4: RADIUS over a stream is framed by the packets' own Length field. Any
 * chunking yields the same packets; a Length outside 20..4096 means the stream is unusable (close it).
 */
export class RadiusFramer {
  #buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] | 'invalid' {
    this.#buf = this.#buf.length ? Buffer.concat([this.#buf, chunk]) : chunk;
    const out: Buffer[] = [];
    while (this.#buf.length >= 4) {
      const len = this.#buf.readUInt16BE(2);
      if (len < MIN_PACKET || len > MAX_PACKET) return 'invalid';
      if (this.#buf.length < len) break;
      out.push(Buffer.from(this.#buf.subarray(0, len)));
      this.#buf = this.#buf.subarray(len);
    }
    return out;
  }
}
