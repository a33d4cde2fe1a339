import { Buffer } from 'node:buffer';
import { randomFillSync } from 'node:crypto';

/**
 * Random bytes for the values the protocol servers draw every round (EAP State, MS-CHAPv2
 * challenges, the salts of MS-MPPE keys): node's CSPRNG like `randomBytes`, drawn from a block
 * filled 4 KiB at a time, so a round does not cross into C++ (and allocate a fresh ArrayBuffer) for
 * each 1-16 bytes. Every byte is handed out once and wiped from the block as it goes: the block
 * never holds a value already given to someone.
 */
const BLOCK = 4096;
const pool = Buffer.allocUnsafeSlow(BLOCK);
let at = BLOCK;

/** `n` random bytes into `out` at `offset`. */
export function randomInto(out: Uint8Array, offset: number, n: number): void {
  if (n > BLOCK / 4) {
    randomFillSync(out, offset, n);
    return;
  }
  if (at + n > BLOCK) {
    randomFillSync(pool);
    at = 0;
  }
  for (let i = 0; i < n; i++) {
    out[offset + i] = pool[at + i]!;
    pool[at + i] = 0;
  }
  at += n;
}

/**
 * `n` fresh random bytes in a Buffer with memory of its own, as `crypto.randomBytes(n)`: not a
 * slice of Node's shared 8 KiB allocation pool (allocUnsafe), which a State kept for a whole
 * conversation, or remembered after it, would pin.
 */
export function randomBuffer(n: number): Buffer {
  const out = Buffer.alloc(n);
  randomInto(out, 0, n);
  return out;
}

/** One random byte, 0-255. */
export function randomByte(): number {
  if (at >= BLOCK) {
    randomFillSync(pool);
    at = 0;
  }
  const b = pool[at]!;
  pool[at++] = 0;
  return b;
}
