import { timingSafeEqual } from 'node:crypto';

/**
 * Constant-time equality for authenticators and challenge responses (node:crypto's
 * timingSafeEqual; unequal lengths are unequal, and a length is never secret here).
 */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
