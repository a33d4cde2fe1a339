import { InvalidCredentialsError, UnwillingToPerformError } from 'ldapts';
import { describe, expect, it } from 'vitest';
import { describeLdapError, LdapTimeout } from './ldap-errors';

describe('describeLdapError', () => {
  it('names LDAP result codes in words with the number (RFC 4511 §4.1.9)', () => {
    expect(describeLdapError(new InvalidCredentialsError())).toEqual({
      kind: 'result',
      text: 'invalid credentials (49)',
      code: 49,
    });
    expect(describeLdapError(new UnwillingToPerformError()).text).toBe('unwilling to perform (53)');
  });

  it('classifies socket errors, timeouts and TLS failures', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:3389'), {
      code: 'ECONNREFUSED',
      syscall: 'connect',
    });
    expect(describeLdapError(refused)).toEqual({ kind: 'unreachable', text: 'connect ECONNREFUSED' });
    expect(describeLdapError(new LdapTimeout(3000))).toEqual({
      kind: 'timeout',
      text: 'no answer within 3000 ms',
    });
    expect(describeLdapError(new Error('Connection timeout'), 250).text).toBe('no answer within 250 ms');
    const tls = Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    expect(describeLdapError(tls).kind).toBe('tls');
  });
});
