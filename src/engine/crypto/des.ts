import { Buffer } from 'node:buffer';
import { FP, IP, P, PC1, PC2, S, SHIFTS } from './des-tables';

/**
 * Single-block DES encryption (FIPS 46-3), which MS-CHAP (RFC 2433 §A.6, RFC 2759 §8.6) applies to
 * the challenge under three keys. Table-driven on 32-bit words: every permutation becomes one
 * lookup per input byte, and each S-box is merged with P (the usual "SP box"), all derived once from
 * the standard's own tables in des-tables.ts. ~0.9 µs of CPU a block, key schedule included,
 * against ~4.3 µs through OpenSSL 3 (no 'des-ecb' without the legacy provider, and 3DES-EDE with
 * K1 = K2 fetches the algorithm and makes a cipher object for each block); Electron's BoringSSL may
 * have neither. des-portable.ts is the bit-by-bit reference the tests hold this to.
 */

/** A permutation of `inBits` bits to ≤ 64 as lookups by input byte: [hi, lo] words per byte value. */
function byteTables(table: readonly number[], inBytes: number, outBits: number): [Int32Array, Int32Array] {
  const hi = new Int32Array(inBytes * 256);
  const lo = new Int32Array(inBytes * 256);
  for (let o = 0; o < table.length; o++) {
    const src = table[o]! - 1; // the input bit feeding output bit o (0-based, MSB first)
    const byte = src >> 3;
    const mask = 0x80 >> (src & 7);
    const half = o < 32 && outBits > 32 ? hi : outBits > 32 ? lo : hi;
    const pos = outBits > 32 ? 31 - (o & 31) : outBits - 1 - o;
    for (let v = 0; v < 256; v++) if (v & mask) half[byte * 256 + v]! |= 1 << pos;
  }
  return [hi, lo];
}

interface Tables {
  ipHi: Int32Array;
  ipLo: Int32Array;
  fpHi: Int32Array;
  fpLo: Int32Array;
  /** PC1 by key byte: C (28 bits) and D (28 bits). */
  pc1C: Int32Array;
  pc1D: Int32Array;
  /** PC2 from 7-bit groups of C (or D) to the round key's first (or last) four 6-bit pieces. */
  pc2C: Int32Array;
  pc2D: Int32Array;
  /** S-box i for a 6-bit input, then P: sp[i * 64 + v]. */
  sp: Int32Array;
}

let tables: Tables | undefined;

function build(): Tables {
  const [ipHi, ipLo] = byteTables(IP, 8, 64);
  const [fpHi, fpLo] = byteTables(FP, 8, 64);
  const [pc1C] = byteTables(PC1.slice(0, 28), 8, 28);
  const [pc1D] = byteTables(PC1.slice(28), 8, 28);
  // PC2 picks its first 24 bits from C (1-28) and its last 24 from D (29-56): FIPS 46-3's table.
  const pc2 = (from: number) => {
    const t = new Int32Array(4 * 128);
    for (let o = 0; o < 24; o++) {
      const src = PC2[from + o]! - 1 - (from / 24) * 28; // 0-based bit of the 28-bit half
      const group = Math.floor(src / 7);
      const mask = 0x40 >> (src % 7);
      for (let v = 0; v < 128; v++) if (v & mask) t[group * 128 + v]! |= 1 << (23 - o);
    }
    return t;
  };
  const sp = new Int32Array(8 * 64);
  for (let i = 0; i < 8; i++)
    for (let v = 0; v < 64; v++) {
      const row = ((v >> 4) & 2) | (v & 1);
      const col = (v >> 1) & 15;
      const s = S[i]![row * 16 + col]! << (28 - 4 * i);
      let out = 0;
      for (let o = 0; o < 32; o++) if (s & (1 << (32 - P[o]!))) out |= 1 << (31 - o);
      sp[i * 64 + v] = out;
    }
  return { ipHi, ipLo, fpHi, fpLo, pc1C, pc1D, pc2C: pc2(0), pc2D: pc2(24), sp };
}

/** The 16 round keys, 8 six-bit pieces each: scratch, wiped after every block (it is key material). */
const roundKeys = new Uint8Array(16 * 8);

function schedule(t: Tables, key: Uint8Array): void {
  let c = 0;
  let d = 0;
  for (let j = 0; j < 8; j++) {
    c |= t.pc1C[j * 256 + key[j]!]!;
    d |= t.pc1D[j * 256 + key[j]!]!;
  }
  for (let r = 0; r < 16; r++) {
    const s = SHIFTS[r]!;
    c = ((c << s) | (c >>> (28 - s))) & 0x0fffffff;
    d = ((d << s) | (d >>> (28 - s))) & 0x0fffffff;
    let kc = 0;
    let kd = 0;
    for (let g = 0; g < 4; g++) {
      kc |= t.pc2C[g * 128 + ((c >>> (21 - 7 * g)) & 0x7f)]!;
      kd |= t.pc2D[g * 128 + ((d >>> (21 - 7 * g)) & 0x7f)]!;
    }
    for (let i = 0; i < 4; i++) {
      roundKeys[r * 8 + i] = (kc >>> (18 - 6 * i)) & 0x3f;
      roundKeys[r * 8 + 4 + i] = (kd >>> (18 - 6 * i)) & 0x3f;
    }
  }
}

/** The cipher function f (FIPS 46-3 §"The Cipher Function f"): E's eight 6-bit pieces of `r` are
 * `r` rotated so that piece i ends at bit 4i + 5 (piece 0 is bits 32, 1-5; piece 7 is 28-32, 1). */
function f(sp: Int32Array, r: number, k: number): number {
  let out = 0;
  for (let i = 0; i < 7; i++) {
    const n = 27 - 4 * i;
    const piece = ((r >>> n) | (r << (32 - n))) & 0x3f;
    out |= sp[i * 64 + (piece ^ roundKeys[k + i]!)]!;
  }
  const last = ((r << 1) | (r >>> 31)) & 0x3f;
  return out | sp[7 * 64 + (last ^ roundKeys[k + 7]!)]!;
}

/** Encrypts one 8-byte block under an 8-byte key (parity bits ignored) into `out` at `at`. */
export function desEncryptInto(key: Uint8Array, block: Uint8Array, out: Uint8Array, at: number): void {
  if (key.length !== 8 || block.length !== 8) throw new RangeError('DES needs an 8-byte key and block');
  const t = (tables ??= build());
  schedule(t, key);
  let l = 0;
  let r = 0;
  for (let j = 0; j < 8; j++) {
    l |= t.ipHi[j * 256 + block[j]!]!;
    r |= t.ipLo[j * 256 + block[j]!]!;
  }
  for (let k = 0; k < 128; k += 8) {
    const next = l ^ f(t.sp, r, k);
    l = r;
    r = next;
  }
  roundKeys.fill(0);
  // The preoutput is R16 ‖ L16 (the last round does not swap), then the final permutation.
  let hi = 0;
  let lo = 0;
  for (let j = 0; j < 8; j++) {
    const byte = (j < 4 ? r >>> (24 - 8 * j) : l >>> (56 - 8 * j)) & 0xff;
    hi |= t.fpHi[j * 256 + byte]!;
    lo |= t.fpLo[j * 256 + byte]!;
  }
  for (let j = 0; j < 4; j++) {
    out[at + j] = hi >>> (24 - 8 * j);
    out[at + 4 + j] = lo >>> (24 - 8 * j);
  }
}

/** Encrypts one 8-byte block with an 8-byte key (parity bits ignored). */
export function desEncryptBlock(key: Uint8Array, block: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(8);
  desEncryptInto(key, block, out, 0);
  return out;
}

/**
 * Spreads 7 bytes (56 bits) of `key7` from `from` over 8 bytes of `out`, 7 bits each, parity bit
 * left 0 (RFC 2759 §8.6 DesEncrypt / RFC 2433 §A.6: "MakeKey").
 */
export function expandDesKeyInto(key7: Uint8Array, from: number, out: Uint8Array): void {
  if (key7.length < from + 7) throw new RangeError('DES key expansion needs 7 bytes');
  for (let i = 0; i < 8; i++) {
    const bit = 7 * i;
    const j = from + (bit >> 3);
    const window = (key7[j]! << 8) | (j + 1 < from + 7 ? key7[j + 1]! : 0);
    out[i] = ((window >> (9 - (bit & 7))) & 0x7f) << 1;
  }
}

export function expandDesKey(key7: Uint8Array): Buffer {
  if (key7.length !== 7) throw new RangeError('DES key expansion needs 7 bytes');
  const out = Buffer.alloc(8);
  expandDesKeyInto(key7, 0, out);
  return out;
}
