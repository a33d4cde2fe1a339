import { describe, expect, it } from 'vitest';
import { gtcAnswer } from './gtc';

describe('EAP-GTC response (RFC 3748 §5.6)', () => {
  it('is the password alone, as wpa_supplicant sends it', () => {
    expect(gtcAnswer(Buffer.from('alice-pass'), 'alice')).toEqual({ user: 'alice', password: 'alice-pass' });
  });
  it('or RESPONSE=<user>\\0<password>, naming its own user', () => {
    expect(gtcAnswer(Buffer.from('RESPONSE=bob\0bob-pass'), 'anonymous')).toEqual({
      user: 'bob',
      password: 'bob-pass',
    });
  });
  it('a "RESPONSE=" without the NUL is a password like any other', () => {
    expect(gtcAnswer(Buffer.from('RESPONSE=x'), 'a')).toEqual({ user: 'a', password: 'RESPONSE=x' });
  });
});
