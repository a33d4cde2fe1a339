import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../../../test/support/fixtures';
import { Secret } from '../../secret';
import { bundledDictionary } from '../dictionary/load';
import { indexAttributes } from './attribute-index';
import { buildAttributes } from './build';
import { CODES } from './constants';
import { diagnoseSecret, type KnownSecret } from './diagnose';
import { encodeRaw } from './packet';
import { secretBytes, signRequest } from './sign';

const dict = bundledDictionary().dictionary;
const rfc = JSON.parse(readFileSync(join(repoRoot, 'test/vectors/radius-rfc2865-7.1.json'), 'utf8')) as {
  secret: string;
  request: { hex: string };
};
/** RFC 2865 §7.1: Access-Request, User-Password "arctangent" hidden with "xyzzy5461", no Message-Authenticator. */
const wire = Buffer.from(rfc.request.hex.replace(/\s+/g, ''), 'hex');
const known = (...pairs: [string, string][]): KnownSecret[] =>
  pairs.map(([owner, s]) => ({ owner, secret: new Secret(s) }));

describe('diagnoseSecret: which known secret a packet was made with', () => {
  it('RFC 2865 §7.1: the User-Password decrypts cleanly only with the right secret', () => {
    const d = diagnoseSecret(
      indexAttributes(wire),
      known(['sw1', 'wrong-one'], ['sw2', rfc.secret], ['sw3', 'xyzzy546']),
    );
    expect(d.evidence).toBe('user-password');
    expect(d.matches.map((m) => m.owner)).toEqual(['sw2']);
    expect(d.text).toBe('User-Password decrypts cleanly with the secret of sw2');
    expect(d.text).not.toContain(rfc.secret);
  });

  it('says no known secret matches when none does', () => {
    const d = diagnoseSecret(indexAttributes(wire), known(['sw1', 'wrong-one']));
    expect(d.matches).toEqual([]);
    expect(d.text).toMatch(/no secret known to the lab matches \(checked 1 by user-password\)/);
  });

  it('an Access-Request with only a User-Name carries no evidence', () => {
    const attrs = buildAttributes([{ name: 'User-Name', value: 'alice' }], dict);
    const bytes = encodeRaw(CODES['Access-Request'], 7, Buffer.alloc(16, 1), attrs);
    expect(diagnoseSecret(indexAttributes(bytes), known(['sw1', 's'])).evidence).toBe('none');
  });

  it('an Accounting-Request is judged by its authenticator', () => {
    const attrs = buildAttributes([{ name: 'Acct-Status-Type', value: 'Start' }], dict);
    const bytes = signRequest(CODES['Accounting-Request'], 9, attrs, secretBytes('acct-secret'), {
      messageAuthenticator: false,
    });
    const d = diagnoseSecret(indexAttributes(bytes), known(['a', 'other'], ['b', 'acct-secret']));
    expect(d.evidence).toBe('authenticator');
    expect(d.matches.map((m) => m.owner)).toEqual(['b']);
  });
});
