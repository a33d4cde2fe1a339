/**
 * MD5 (RFC 1321) in plain JavaScript for short inputs. The TACACS+ pad (RFC 8907 §4.5) hashes
 * 22–60 bytes per 16-byte block of every body; through node:crypto each call crosses into C++ and
 * allocates a result Buffer, which costs several times the hash itself. Here the state lives in
 * preallocated typed arrays and the digest is written into a caller's buffer; nothing is allocated
 * per call. Not constant-time with respect to anything secret beyond what MD5 itself is; it only
 * derives the obfuscation pad and RADIUS authenticators. bench/md5.ts measures it. Product code
 * reaches it only through digest.ts.
 */

/**
 * Chaining state. In a typed array, not module `let`s: values outside the small-integer range
 * would be boxed as heap numbers on every store.
 */
const state = new Int32Array(4);
/** The final padded block or two, written a word at a time. */
const block = new Uint8Array(64);
const blockView = new DataView(block.buffer);
/**
 * Full blocks are read in place through a DataView of the caller's buffer. Views of the last few
 * buffers are kept (HMAC alternates between an inner scratch and an outer buffer; the servers
 * reuse theirs), so steady-state calls allocate none. It holds on to those buffers until replaced.
 */
const VIEWS = 4;
const viewBuffers: (ArrayBufferLike | undefined)[] = new Array<ArrayBufferLike | undefined>(VIEWS).fill(
  undefined,
);
const views: (DataView | undefined)[] = new Array<DataView | undefined>(VIEWS).fill(undefined);
let nextView = 0;

function viewOf(buffer: ArrayBufferLike): DataView {
  for (let i = 0; i < VIEWS; i++) if (viewBuffers[i] === buffer) return views[i]!;
  const v = new DataView(buffer);
  viewBuffers[nextView] = buffer;
  views[nextView] = v;
  nextView = (nextView + 1) % VIEWS;
  return v;
}

/**
 * One 64-byte block of `src` at byte `at` into `state`. The 64 steps are unrolled with the shifts
 * and T[i] = floor(2^32 · |sin(i + 1)|) inlined, so V8 compiles straight-line int32 code with no
 * branches or table loads; the 16 message words are read little-endian straight into locals. MD5
 * is one long dependency chain through `b`, so each step adds a + X[k] + T[i] first and the round
 * function last, leaving only f(b, c, d) on the chain; F is d ^ (b & (c ^ d)) and G is
 * (c & ~d) + (b & d) (the terms share no bits), the same functions with fewer operations after b.
 */
function compress(src: DataView, at: number): void {
  const x0 = src.getInt32(at + 0, true);
  const x1 = src.getInt32(at + 4, true);
  const x2 = src.getInt32(at + 8, true);
  const x3 = src.getInt32(at + 12, true);
  const x4 = src.getInt32(at + 16, true);
  const x5 = src.getInt32(at + 20, true);
  const x6 = src.getInt32(at + 24, true);
  const x7 = src.getInt32(at + 28, true);
  const x8 = src.getInt32(at + 32, true);
  const x9 = src.getInt32(at + 36, true);
  const x10 = src.getInt32(at + 40, true);
  const x11 = src.getInt32(at + 44, true);
  const x12 = src.getInt32(at + 48, true);
  const x13 = src.getInt32(at + 52, true);
  const x14 = src.getInt32(at + 56, true);
  const x15 = src.getInt32(at + 60, true);
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;

  // Round 1.
  a = (a + x0 + 0xd76aa478 + (d ^ (b & (c ^ d)))) | 0;
  a = (((a << 7) | (a >>> 25)) + b) | 0;
  d = (d + x1 + 0xe8c7b756 + (c ^ (a & (b ^ c)))) | 0;
  d = (((d << 12) | (d >>> 20)) + a) | 0;
  c = (c + x2 + 0x242070db + (b ^ (d & (a ^ b)))) | 0;
  c = (((c << 17) | (c >>> 15)) + d) | 0;
  b = (b + x3 + 0xc1bdceee + (a ^ (c & (d ^ a)))) | 0;
  b = (((b << 22) | (b >>> 10)) + c) | 0;
  a = (a + x4 + 0xf57c0faf + (d ^ (b & (c ^ d)))) | 0;
  a = (((a << 7) | (a >>> 25)) + b) | 0;
  d = (d + x5 + 0x4787c62a + (c ^ (a & (b ^ c)))) | 0;
  d = (((d << 12) | (d >>> 20)) + a) | 0;
  c = (c + x6 + 0xa8304613 + (b ^ (d & (a ^ b)))) | 0;
  c = (((c << 17) | (c >>> 15)) + d) | 0;
  b = (b + x7 + 0xfd469501 + (a ^ (c & (d ^ a)))) | 0;
  b = (((b << 22) | (b >>> 10)) + c) | 0;
  a = (a + x8 + 0x698098d8 + (d ^ (b & (c ^ d)))) | 0;
  a = (((a << 7) | (a >>> 25)) + b) | 0;
  d = (d + x9 + 0x8b44f7af + (c ^ (a & (b ^ c)))) | 0;
  d = (((d << 12) | (d >>> 20)) + a) | 0;
  c = (c + x10 + 0xffff5bb1 + (b ^ (d & (a ^ b)))) | 0;
  c = (((c << 17) | (c >>> 15)) + d) | 0;
  b = (b + x11 + 0x895cd7be + (a ^ (c & (d ^ a)))) | 0;
  b = (((b << 22) | (b >>> 10)) + c) | 0;
  a = (a + x12 + 0x6b901122 + (d ^ (b & (c ^ d)))) | 0;
  a = (((a << 7) | (a >>> 25)) + b) | 0;
  d = (d + x13 + 0xfd987193 + (c ^ (a & (b ^ c)))) | 0;
  d = (((d << 12) | (d >>> 20)) + a) | 0;
  c = (c + x14 + 0xa679438e + (b ^ (d & (a ^ b)))) | 0;
  c = (((c << 17) | (c >>> 15)) + d) | 0;
  b = (b + x15 + 0x49b40821 + (a ^ (c & (d ^ a)))) | 0;
  b = (((b << 22) | (b >>> 10)) + c) | 0;
  // Round 2.
  a = (a + x1 + 0xf61e2562 + (c & ~d) + (b & d)) | 0;
  a = (((a << 5) | (a >>> 27)) + b) | 0;
  d = (d + x6 + 0xc040b340 + (b & ~c) + (a & c)) | 0;
  d = (((d << 9) | (d >>> 23)) + a) | 0;
  c = (c + x11 + 0x265e5a51 + (a & ~b) + (d & b)) | 0;
  c = (((c << 14) | (c >>> 18)) + d) | 0;
  b = (b + x0 + 0xe9b6c7aa + (d & ~a) + (c & a)) | 0;
  b = (((b << 20) | (b >>> 12)) + c) | 0;
  a = (a + x5 + 0xd62f105d + (c & ~d) + (b & d)) | 0;
  a = (((a << 5) | (a >>> 27)) + b) | 0;
  d = (d + x10 + 0x02441453 + (b & ~c) + (a & c)) | 0;
  d = (((d << 9) | (d >>> 23)) + a) | 0;
  c = (c + x15 + 0xd8a1e681 + (a & ~b) + (d & b)) | 0;
  c = (((c << 14) | (c >>> 18)) + d) | 0;
  b = (b + x4 + 0xe7d3fbc8 + (d & ~a) + (c & a)) | 0;
  b = (((b << 20) | (b >>> 12)) + c) | 0;
  a = (a + x9 + 0x21e1cde6 + (c & ~d) + (b & d)) | 0;
  a = (((a << 5) | (a >>> 27)) + b) | 0;
  d = (d + x14 + 0xc33707d6 + (b & ~c) + (a & c)) | 0;
  d = (((d << 9) | (d >>> 23)) + a) | 0;
  c = (c + x3 + 0xf4d50d87 + (a & ~b) + (d & b)) | 0;
  c = (((c << 14) | (c >>> 18)) + d) | 0;
  b = (b + x8 + 0x455a14ed + (d & ~a) + (c & a)) | 0;
  b = (((b << 20) | (b >>> 12)) + c) | 0;
  a = (a + x13 + 0xa9e3e905 + (c & ~d) + (b & d)) | 0;
  a = (((a << 5) | (a >>> 27)) + b) | 0;
  d = (d + x2 + 0xfcefa3f8 + (b & ~c) + (a & c)) | 0;
  d = (((d << 9) | (d >>> 23)) + a) | 0;
  c = (c + x7 + 0x676f02d9 + (a & ~b) + (d & b)) | 0;
  c = (((c << 14) | (c >>> 18)) + d) | 0;
  b = (b + x12 + 0x8d2a4c8a + (d & ~a) + (c & a)) | 0;
  b = (((b << 20) | (b >>> 12)) + c) | 0;
  // Round 3.
  a = (a + x5 + 0xfffa3942 + (b ^ (c ^ d))) | 0;
  a = (((a << 4) | (a >>> 28)) + b) | 0;
  d = (d + x8 + 0x8771f681 + (a ^ (b ^ c))) | 0;
  d = (((d << 11) | (d >>> 21)) + a) | 0;
  c = (c + x11 + 0x6d9d6122 + (d ^ (a ^ b))) | 0;
  c = (((c << 16) | (c >>> 16)) + d) | 0;
  b = (b + x14 + 0xfde5380c + (c ^ (d ^ a))) | 0;
  b = (((b << 23) | (b >>> 9)) + c) | 0;
  a = (a + x1 + 0xa4beea44 + (b ^ (c ^ d))) | 0;
  a = (((a << 4) | (a >>> 28)) + b) | 0;
  d = (d + x4 + 0x4bdecfa9 + (a ^ (b ^ c))) | 0;
  d = (((d << 11) | (d >>> 21)) + a) | 0;
  c = (c + x7 + 0xf6bb4b60 + (d ^ (a ^ b))) | 0;
  c = (((c << 16) | (c >>> 16)) + d) | 0;
  b = (b + x10 + 0xbebfbc70 + (c ^ (d ^ a))) | 0;
  b = (((b << 23) | (b >>> 9)) + c) | 0;
  a = (a + x13 + 0x289b7ec6 + (b ^ (c ^ d))) | 0;
  a = (((a << 4) | (a >>> 28)) + b) | 0;
  d = (d + x0 + 0xeaa127fa + (a ^ (b ^ c))) | 0;
  d = (((d << 11) | (d >>> 21)) + a) | 0;
  c = (c + x3 + 0xd4ef3085 + (d ^ (a ^ b))) | 0;
  c = (((c << 16) | (c >>> 16)) + d) | 0;
  b = (b + x6 + 0x04881d05 + (c ^ (d ^ a))) | 0;
  b = (((b << 23) | (b >>> 9)) + c) | 0;
  a = (a + x9 + 0xd9d4d039 + (b ^ (c ^ d))) | 0;
  a = (((a << 4) | (a >>> 28)) + b) | 0;
  d = (d + x12 + 0xe6db99e5 + (a ^ (b ^ c))) | 0;
  d = (((d << 11) | (d >>> 21)) + a) | 0;
  c = (c + x15 + 0x1fa27cf8 + (d ^ (a ^ b))) | 0;
  c = (((c << 16) | (c >>> 16)) + d) | 0;
  b = (b + x2 + 0xc4ac5665 + (c ^ (d ^ a))) | 0;
  b = (((b << 23) | (b >>> 9)) + c) | 0;
  // Round 4.
  a = (a + x0 + 0xf4292244 + (c ^ (b | ~d))) | 0;
  a = (((a << 6) | (a >>> 26)) + b) | 0;
  d = (d + x7 + 0x432aff97 + (b ^ (a | ~c))) | 0;
  d = (((d << 10) | (d >>> 22)) + a) | 0;
  c = (c + x14 + 0xab9423a7 + (a ^ (d | ~b))) | 0;
  c = (((c << 15) | (c >>> 17)) + d) | 0;
  b = (b + x5 + 0xfc93a039 + (d ^ (c | ~a))) | 0;
  b = (((b << 21) | (b >>> 11)) + c) | 0;
  a = (a + x12 + 0x655b59c3 + (c ^ (b | ~d))) | 0;
  a = (((a << 6) | (a >>> 26)) + b) | 0;
  d = (d + x3 + 0x8f0ccc92 + (b ^ (a | ~c))) | 0;
  d = (((d << 10) | (d >>> 22)) + a) | 0;
  c = (c + x10 + 0xffeff47d + (a ^ (d | ~b))) | 0;
  c = (((c << 15) | (c >>> 17)) + d) | 0;
  b = (b + x1 + 0x85845dd1 + (d ^ (c | ~a))) | 0;
  b = (((b << 21) | (b >>> 11)) + c) | 0;
  a = (a + x8 + 0x6fa87e4f + (c ^ (b | ~d))) | 0;
  a = (((a << 6) | (a >>> 26)) + b) | 0;
  d = (d + x15 + 0xfe2ce6e0 + (b ^ (a | ~c))) | 0;
  d = (((d << 10) | (d >>> 22)) + a) | 0;
  c = (c + x6 + 0xa3014314 + (a ^ (d | ~b))) | 0;
  c = (((c << 15) | (c >>> 17)) + d) | 0;
  b = (b + x13 + 0x4e0811a1 + (d ^ (c | ~a))) | 0;
  b = (((b << 21) | (b >>> 11)) + c) | 0;
  a = (a + x4 + 0xf7537e82 + (c ^ (b | ~d))) | 0;
  a = (((a << 6) | (a >>> 26)) + b) | 0;
  d = (d + x11 + 0xbd3af235 + (b ^ (a | ~c))) | 0;
  d = (((d << 10) | (d >>> 22)) + a) | 0;
  c = (c + x2 + 0x2ad7d2bb + (a ^ (d | ~b))) | 0;
  c = (((c << 15) | (c >>> 17)) + d) | 0;
  b = (b + x9 + 0xeb86d391 + (d ^ (c | ~a))) | 0;
  b = (((b << 21) | (b >>> 11)) + c) | 0;

  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
}

/** Little-endian 32-bit word of `data` at `o`; bytes past its end read as zeros. */
function wordAt(data: Uint8Array, o: number): number {
  return data[o]! | (data[o + 1]! << 8) | (data[o + 2]! << 16) | (data[o + 3]! << 24);
}

/**
 * MD5 of `data[0, length)` into `out[outOffset, outOffset + 16)`. With `resume` (a state from
 * `md5Prefix`), the hash continues after those 64 bytes instead: HMAC's key blocks are hashed once
 * per key rather than per message.
 */
export function md5Into(
  data: Uint8Array,
  length: number,
  out: Uint8Array,
  outOffset = 0,
  resume?: Int32Array,
): void {
  if (resume) state.set(resume);
  else {
    state[0] = 0x67452301;
    state[1] = 0xefcdab89 | 0;
    state[2] = 0x98badcfe | 0;
    state[3] = 0x10325476;
  }
  const total = resume ? length + 64 : length;
  let off = 0;
  if (length >= 64 && length <= data.length) {
    const dataView = viewOf(data.buffer);
    const base = data.byteOffset;
    for (; off + 64 <= length; off += 64) compress(dataView, base + off);
  }
  // Only when `length` runs past the end of `data`: those bytes hash as zeros, as they always have.
  for (; off + 64 <= length; off += 64) {
    for (let i = 0; i < 16; i++) blockView.setInt32(i * 4, wordAt(data, off + i * 4), true);
    compress(blockView, 0);
  }
  // The rest, 0x80, zeros and the length in bits, a word at a time rather than byte by byte.
  const rest = length - off;
  const whole = rest >> 2;
  let i = 0;
  for (; i < whole; i++) blockView.setInt32(i * 4, wordAt(data, off + i * 4), true);
  let last = 0x80 << ((rest & 3) * 8);
  for (let k = (rest & 3) - 1; k >= 0; k--) last |= data[off + whole * 4 + k]! << (k * 8);
  blockView.setInt32(i++ * 4, last, true);
  if (rest >= 56) {
    for (; i < 16; i++) blockView.setInt32(i * 4, 0, true);
    compress(blockView, 0);
    i = 0;
  }
  for (; i < 14; i++) blockView.setInt32(i * 4, 0, true);
  // The length in bits as a little-endian 64-bit count.
  blockView.setInt32(56, total << 3, true);
  blockView.setInt32(60, Math.floor(total / 2 ** 29), true);
  compress(blockView, 0);
  for (let j = 0; j < 4; j++) {
    const v = state[j]!;
    const o = outOffset + j * 4;
    out[o] = v & 0xff;
    out[o + 1] = (v >>> 8) & 0xff;
    out[o + 2] = (v >>> 16) & 0xff;
    out[o + 3] = (v >>> 24) & 0xff;
  }
}

/** The MD5 state after one 64-byte block (`md5Into`'s `resume`), e.g. an HMAC key XOR ipad/opad. */
export function md5Prefix(block64: Uint8Array): Int32Array {
  if (block64.length !== 64) throw new RangeError('md5Prefix takes exactly one 64-byte block');
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  compress(new DataView(block64.buffer, block64.byteOffset, 64), 0);
  return Int32Array.from(state);
}
