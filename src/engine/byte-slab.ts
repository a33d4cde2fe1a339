import { Buffer } from 'node:buffer';
/**
 * A bounded ring of bytes: spans are copied in at a write position that only moves forward and wraps
 * to the start when a span would not fit at the end, so old spans are overwritten by new ones. A
 * span is named by its absolute position (bytes ever written before it), which tells without any
 * bookkeeping whether it is still intact. Holders keep positions in typed arrays instead of Buffers:
 * nothing per span for the garbage collector to copy or mark. Used by the trace ring (packet bytes)
 * and the RADIUS duplicate cache (cached replies).
 */
export class ByteSlab {
  readonly #bytes: Uint8Array;
  /** Bytes ever written, counting the tail skipped when a span wrapped (the absolute position). */
  #written = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`byte slab capacity must be a whole number ≥ 0, got ${capacity}`);
    this.#bytes = new Uint8Array(capacity);
  }

  get capacity(): number {
    return this.#bytes.length;
  }

  /** Where the next span goes: a position that is never live yet (for spans kept elsewhere). */
  get position(): number {
    return this.#written;
  }

  /**
   * Whether a span of `length` belongs in the slab: at most a sixteenth of it, so one big span
   * cannot evict most of the others at once (the caller keeps bigger ones by reference).
   */
  fits(length: number): boolean {
    return length <= this.#bytes.length >> 4;
  }

  /** Copies `bytes` in and returns their position. Check `fits` first. */
  write(bytes: Uint8Array): number {
    const cap = this.#bytes.length;
    if (bytes.length === 0) return this.#written;
    if (bytes.length > cap) throw new RangeError(`${bytes.length} bytes do not fit a ${cap}-byte slab`);
    let at = this.#written % cap;
    if (at + bytes.length > cap) {
      this.#written += cap - at;
      at = 0;
    }
    const pos = this.#written;
    this.#bytes.set(bytes, at);
    this.#written += bytes.length;
    return pos;
  }

  /** Whether the span written at `pos` is intact: its first byte (the oldest) not yet overwritten. */
  live(pos: number): boolean {
    return this.#written - pos <= this.#bytes.length;
  }

  /** A copy of the span at `pos` (the slab is reused, so callers never get a view into it). */
  read(pos: number, length: number): Buffer {
    if (length === 0) return Buffer.alloc(0);
    const at = pos % this.#bytes.length;
    return Buffer.from(this.#bytes.subarray(at, at + length));
  }
}
