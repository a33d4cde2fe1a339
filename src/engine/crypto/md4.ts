import { Buffer } from 'node:buffer';
/**
 * MD4 (RFC 1320), pure TypeScript. MS-CHAP needs it for the NT password hash, and Node 20's OpenSSL 3
 * refuses `createHash('md4')` (legacy provider not loaded), as does Electron's BoringSSL build.
 */

const rotl = (x: number, n: number): number => (x << n) | (x >>> (32 - n));
const f = (p: number, q: number, r: number): number => (p & q) | (~p & r);
const g = (p: number, q: number, r: number): number => (p & q) | (p & r) | (q & r);
const h = (p: number, q: number, r: number): number => p ^ q ^ r;
/** Message word order of each round (RFC 1320 §3.4), and the block's words: made once, not per block. */
const ROUND1 = [0, 4, 8, 12] as const;
const ROUND2 = [0, 1, 2, 3] as const;
const ROUND3 = [0, 2, 1, 3] as const;
const X = new Int32Array(16);

export function md4(input: Uint8Array): Buffer {
  const bitLen = input.length * 8;
  const padLen = ((input.length + 8) >> 6) * 64 + 64;
  const msg = new Uint8Array(padLen);
  msg.set(input);
  msg[input.length] = 0x80;
  const view = new DataView(msg.buffer);
  // Length in bits, little-endian 64-bit (RFC 1320 §3.2).
  view.setUint32(padLen - 8, bitLen >>> 0, true);
  view.setUint32(padLen - 4, Math.floor(bitLen / 0x100000000), true);

  let a = 0x67452301;
  let b = 0xefcdab89;
  let c = 0x98badcfe;
  let d = 0x10325476;
  const x = X;
  for (let off = 0; off < padLen; off += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getInt32(off + i * 4, true);
    const aa = a;
    const bb = b;
    const cc = c;
    const dd = d;
    // Round 1 (RFC 1320 §3.4)
    for (const k of ROUND1) {
      a = rotl((a + f(b, c, d) + x[k]!) | 0, 3);
      d = rotl((d + f(a, b, c) + x[k + 1]!) | 0, 7);
      c = rotl((c + f(d, a, b) + x[k + 2]!) | 0, 11);
      b = rotl((b + f(c, d, a) + x[k + 3]!) | 0, 19);
    }
    // Round 2
    for (const k of ROUND2) {
      a = rotl((a + g(b, c, d) + x[k]! + 0x5a827999) | 0, 3);
      d = rotl((d + g(a, b, c) + x[k + 4]! + 0x5a827999) | 0, 5);
      c = rotl((c + g(d, a, b) + x[k + 8]! + 0x5a827999) | 0, 9);
      b = rotl((b + g(c, d, a) + x[k + 12]! + 0x5a827999) | 0, 13);
    }
    // Round 3
    for (const k of ROUND3) {
      a = rotl((a + h(b, c, d) + x[k]! + 0x6ed9eba1) | 0, 3);
      d = rotl((d + h(a, b, c) + x[k + 8]! + 0x6ed9eba1) | 0, 9);
      c = rotl((c + h(d, a, b) + x[k + 4]! + 0x6ed9eba1) | 0, 11);
      b = rotl((b + h(c, d, a) + x[k + 12]! + 0x6ed9eba1) | 0, 15);
    }
    a = (a + aa) | 0;
    b = (b + bb) | 0;
    c = (c + cc) | 0;
    d = (d + dd) | 0;
  }
  const out = Buffer.alloc(16);
  out.writeInt32LE(a, 0);
  out.writeInt32LE(b, 4);
  out.writeInt32LE(c, 8);
  out.writeInt32LE(d, 12);
  return out;
}
