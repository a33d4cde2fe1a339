import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bundledDictionary } from '../dictionary/load';
import { buildAttributes } from './build';
import { CODES } from './constants';
import { hideSalted, looksClean, unhideSalted } from './hiding';
import { secretBytes, signRequest, verifyRequest } from './sign';

const pad = (s: string | Buffer, n = 16) => {
  const b = Buffer.alloc(n);
  Buffer.from(s).copy(b);
  return b;
};

describe('looksClean: does a decrypted User-Password look typed?', () => {
  it('accepts printable ASCII and valid UTF-8 followed by NUL padding', () => {
    expect(looksClean(pad('alice-pass'))).toBe(true);
    expect(looksClean(pad('pässwörd'))).toBe(true);
    expect(looksClean(Buffer.from('exactly-16-bytes'))).toBe(true);
  });
  it('rejects control bytes, DEL, invalid UTF-8, an empty password and bytes after the padding', () => {
    expect(looksClean(pad('a\tb'))).toBe(false);
    expect(looksClean(pad('ab\x7f'))).toBe(false);
    expect(looksClean(pad(Buffer.from([0x61, 0xc3, 0x28])))).toBe(false);
    expect(looksClean(pad(Buffer.from([0xff, 0xfe, 0x41])))).toBe(false);
    expect(looksClean(pad(''))).toBe(false);
    const b = pad('alice');
    b[10] = 1;
    expect(looksClean(b)).toBe(false);
  });
});

describe('verifyRequest', () => {
  it('checks Message-Authenticator and the accounting authenticator without changing the packet', () => {
    const dict = bundledDictionary().dictionary;
    const secret = secretBytes('testing123');
    const attrs = buildAttributes([{ name: 'Acct-Status-Type', value: 'Start' }], dict);
    const bytes = signRequest(CODES['Accounting-Request'], 7, attrs, secret, { messageAuthenticator: true });
    const before = Buffer.from(bytes);
    expect(verifyRequest(bytes, secret)).toEqual({ authenticator: 'ok', messageAuthenticator: 'ok' });
    expect(verifyRequest(bytes, secretBytes('wrong'))).toEqual({
      authenticator: 'bad',
      messageAuthenticator: 'bad',
    });
    expect(bytes.equals(before)).toBe(true);
  });
});

/** RFC 2868 §3.5 / RFC 2548 §2.4.2 as written, with node:crypto's MD5: the reference for hideSalted. */
function saltedReference(data: Buffer, secret: Buffer, ra: Buffer, salt: Buffer): Buffer {
  const s = Buffer.from([salt[0]! | 0x80, salt[1]!]);
  const plain = Buffer.alloc(Math.max(16, Math.ceil((data.length + 1) / 16) * 16));
  plain[0] = data.length;
  data.copy(plain, 1);
  const out: Buffer[] = [s];
  let prev = Buffer.concat([ra, s]);
  for (let i = 0; i < plain.length; i += 16) {
    const b = createHash('md5').update(secret).update(prev).digest();
    const c = Buffer.alloc(16);
    for (let j = 0; j < 16; j++) c[j] = plain[i + j]! ^ b[j]!;
    out.push(c);
    prev = c;
  }
  return Buffer.concat(out);
}

describe('hideSalted (Tunnel-Password, MS-MPPE keys)', () => {
  const secret = Buffer.from('testing123');
  const ra = Buffer.from('0123456789abcdef0123456789abcdef', 'hex');
  it('matches the RFC 2868 construction for every length, with the salt given', () => {
    for (let n = 0; n <= 249; n++) {
      const data = Buffer.from(Buffer.alloc(n).map((_, i) => (i * 7 + 3) & 0xff));
      const salt = Buffer.from([n & 0xff, 0x34]);
      expect(hideSalted(data, secret, ra, salt).toString('hex')).toBe(
        saltedReference(data, secret, ra, salt).toString('hex'),
      );
    }
    // A fixed vector (a 32-byte MPPE key's length), so the reference cannot drift with the code.
    const key = Buffer.alloc(32).map((_, i) => (i * 7 + 3) & 0xff);
    expect(hideSalted(key, secret, ra, Buffer.from([0x12, 0x34])).toString('hex')).toBe(
      '9234cdc2e5e64643d7a3154551258ad97dfab20ae377a81ee52f3f519d898f88a0035b96c8372f9f42179168ac3736d4a6ce',
    );
  });
  it('draws a fresh salt with the high bit set, and unhides to the data', () => {
    const key = Buffer.alloc(32, 7);
    const salts = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const h = hideSalted(key, secret, ra);
      expect(h[0]! & 0x80).toBe(0x80);
      salts.add(h.subarray(0, 2).toString('hex'));
      expect(unhideSalted(h, secret, ra)).toEqual(key);
    }
    expect(salts.size).toBeGreaterThan(40);
  });
  it('refuses a salt that is not 2 bytes', () => {
    expect(() => hideSalted(Buffer.alloc(4), secret, ra, Buffer.alloc(3))).toThrow(/2 bytes/);
  });
});
