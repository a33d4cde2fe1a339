import { describe, expect, it } from 'vitest';
import { bundledDictionary } from '../dictionary/load';
import { buildAttributes } from './build';
import { CODES } from './constants';
import { looksClean } from './hiding';
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
