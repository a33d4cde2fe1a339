import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacMd5, md5 } from './digest';

describe('JS MD5 / HMAC-MD5 for authenticators', () => {
  it('RFC 2104 test vectors', () => {
    expect(hmacMd5(Buffer.alloc(16, 0x0b), Buffer.from('Hi There')).toString('hex')).toBe(
      '9294727a3638bb1c13f48ef8158bfc9d',
    );
    expect(hmacMd5(Buffer.from('Jefe'), Buffer.from('what do ya want for nothing?')).toString('hex')).toBe(
      '750c783e6ab0b503eaa86e310a5db738',
    );
  });

  it('matches node:crypto for any parts, keys (also > 64 bytes) and packet sizes up to 4096', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 1500 }), { maxLength: 4 }),
        fc.uint8Array({ maxLength: 100 }),
        (parts, key) => {
          const h = createHash('md5');
          for (const p of parts) h.update(p);
          expect(md5(...parts).equals(h.digest())).toBe(true);
          const data = Buffer.concat(parts);
          expect(hmacMd5(key, data).equals(createHmac('md5', key).update(data).digest())).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    const big = Buffer.alloc(4096, 0xa5);
    expect(hmacMd5(Buffer.from('s'), big).equals(createHmac('md5', 's').update(big).digest())).toBe(true);
    const huge = Buffer.alloc(70_000, 1);
    expect(md5(huge).equals(createHash('md5').update(huge).digest())).toBe(true);
  });
});
