/**
 * MD5 (RFC 1321) in plain JavaScript for short inputs. The TACACS+ pad (RFC 8907 §4.5) hashes
 * 22–60 bytes per 16-byte block of every body; through node:crypto each call crosses into C++ and
 * allocates a result Buffer, which costs several times the hash itself. Here the state lives in
 * preallocated typed arrays and the digest is written into a caller's buffer. Not constant-time
 * with respect to anything secret beyond what MD5 itself is; it only derives the obfuscation pad.
 */

const S = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9,
  14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15,
  21, 6, 10, 15, 21,
];
/** K[i] = floor(2^32 · |sin(i + 1)|). */
const K = new Int32Array(64).map((_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) | 0);
const SHIFT = Int32Array.from(S);

const block = new Uint8Array(64);
const words = new Int32Array(16);
const state = new Int32Array(4);

/** One 64-byte block of `src` at `at` (the caller's data, or the padding block). */
function compress(src: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++) {
    const o = at + i * 4;
    words[i] = src[o]! | (src[o + 1]! << 8) | (src[o + 2]! << 16) | (src[o + 3]! << 24);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  for (let i = 0; i < 64; i++) {
    let f: number;
    let g: number;
    if (i < 16) {
      f = (b & c) | (~b & d);
      g = i;
    } else if (i < 32) {
      f = (d & b) | (~d & c);
      g = (5 * i + 1) & 15;
    } else if (i < 48) {
      f = b ^ c ^ d;
      g = (3 * i + 5) & 15;
    } else {
      f = c ^ (b | ~d);
      g = (7 * i) & 15;
    }
    const x = (a + f + K[i]! + words[g]!) | 0;
    const s = SHIFT[i]!;
    a = d;
    d = c;
    c = b;
    b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
}

/** MD5 of `data[0, length)` into `out[outOffset, outOffset + 16)`. */
export function md5Into(data: Uint8Array, length: number, out: Uint8Array, outOffset = 0): void {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  let off = 0;
  for (; off + 64 <= length; off += 64) compress(data, off);
  const rest = length - off;
  block.fill(0);
  for (let i = 0; i < rest; i++) block[i] = data[off + i]!;
  block[rest] = 0x80;
  if (rest >= 56) {
    compress(block, 0);
    block.fill(0);
  }
  // Length in bits, little-endian 64-bit (inputs here are far below 2^29 bytes).
  const bits = length * 8;
  block[56] = bits & 0xff;
  block[57] = (bits >>> 8) & 0xff;
  block[58] = (bits >>> 16) & 0xff;
  block[59] = (bits >>> 24) & 0xff;
  block[60] = Math.floor(length / 2 ** 29) & 0xff;
  compress(block, 0);
  for (let i = 0; i < 4; i++) {
    const v = state[i]!;
    const o = outOffset + i * 4;
    out[o] = v & 0xff;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = (v >>> 16) & 0xff;
    out[o + 3] = (v >>> 24) & 0xff;
  }
}
