import { Buffer } from 'node:buffer';
import { E, FP, IP, P, PC1, PC2, S, SHIFTS } from './des-tables';

/**
 * DES (FIPS 46-3) bit by bit, one array element per bit, read straight off the standard's tables:
 * far too slow for a server (~0.4 ms a block) but easy to check by eye. The tests hold the fast
 * des.ts to it (and to OpenSSL where present).
 */

type Bits = Uint8Array;

function toBits(bytes: Uint8Array): Bits {
  const out = new Uint8Array(bytes.length * 8);
  for (let i = 0; i < out.length; i++) out[i] = (bytes[i >> 3]! >> (7 - (i & 7))) & 1;
  return out;
}

function fromBits(bits: Bits): Buffer {
  const out = Buffer.alloc(bits.length / 8);
  for (let i = 0; i < bits.length; i++) out[i >> 3]! |= bits[i]! << (7 - (i & 7));
  return out;
}

const permute = (bits: Bits, table: readonly number[]): Bits => Uint8Array.from(table, (p) => bits[p - 1]!);

function subkeys(key: Uint8Array): Bits[] {
  const cd = permute(toBits(key), PC1);
  let c = cd.slice(0, 28);
  let d = cd.slice(28);
  const keys: Bits[] = [];
  for (const s of SHIFTS) {
    c = Uint8Array.from([...c.slice(s), ...c.slice(0, s)]);
    d = Uint8Array.from([...d.slice(s), ...d.slice(0, s)]);
    keys.push(permute(Uint8Array.from([...c, ...d]), PC2));
  }
  return keys;
}

function feistel(r: Bits, k: Bits): Bits {
  const x = permute(r, E).map((b, i) => b ^ k[i]!);
  const out = new Uint8Array(32);
  for (let s = 0; s < 8; s++) {
    const o = s * 6;
    const row = (x[o]! << 1) | x[o + 5]!;
    const col = (x[o + 1]! << 3) | (x[o + 2]! << 2) | (x[o + 3]! << 1) | x[o + 4]!;
    const v = S[s]![row * 16 + col]!;
    for (let b = 0; b < 4; b++) out[s * 4 + b] = (v >> (3 - b)) & 1;
  }
  return permute(out, P);
}

/** One DES block, bit by bit as FIPS 46-3 describes it. */
export function desEncryptBlockPortable(key: Uint8Array, block: Uint8Array): Buffer {
  if (key.length !== 8 || block.length !== 8) throw new RangeError('DES needs an 8-byte key and block');
  const ks = subkeys(key);
  const b = permute(toBits(block), IP);
  let l = b.slice(0, 32);
  let r = b.slice(32);
  for (const k of ks) {
    const f = feistel(r, k);
    [l, r] = [r, l.map((v, i) => v ^ f[i]!)];
  }
  return fromBits(permute(Uint8Array.from([...r, ...l]), FP));
}
