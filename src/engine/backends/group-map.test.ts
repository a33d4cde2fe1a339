import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstRdnValue, mapGroups } from './group-map';

describe('mapGroups', () => {
  it('maps through groupMap case-insensitively and reports what it ignored', () => {
    const r = mapGroups('LDAP', ['NetAdmins', 'staff', 'netadmins'], { netadmins: 'netops' });
    expect(r.groups).toEqual(['netops']);
    expect(r.reason).toBe('LDAP groups NetAdmins → netops; ignored: staff');
  });

  it('passes names through without a groupMap', () => {
    expect(mapGroups('OIDC', ['netops', 'x'], {}).groups).toEqual(['netops', 'x']);
  });

  it('says when nothing maps and when there are no groups', () => {
    expect(mapGroups('LDAP', ['a'], { b: 'c' })).toEqual({
      groups: [],
      reason: 'LDAP: no group in groupMap; ignored: a',
    });
    expect(mapGroups('LDAP', [], { b: 'c' }).reason).toBe('LDAP: no groups');
  });

  it('two directory groups mapping to one lab group give it once', () => {
    expect(mapGroups('LDAP', ['a', 'b'], { a: 'netops', b: 'netops' }).groups).toEqual(['netops']);
  });
});

describe('firstRdnValue', () => {
  it('reads the cn of a group DN, with RFC 4514 escapes', () => {
    expect(firstRdnValue('cn=netadmins,ou=groups,dc=example,dc=com')).toBe('netadmins');
    expect(firstRdnValue('CN=Net\\, Admins,OU=Groups')).toBe('Net, Admins');
    expect(firstRdnValue('cn=caf\\C3\\A9,ou=g')).toBe('café');
    expect(firstRdnValue('uid=carol,ou=people')).toBeUndefined();
  });

  it('round-trips any value escaped per RFC 4514 §2.4', () => {
    const escape = (v: string) => v.replace(/[\\,+"<>;=#]/g, (c) => `\\${c}`);
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }).filter((s) => s.trim() === s),
        (v) => {
          expect(firstRdnValue(`cn=${escape(v)},ou=groups,dc=example,dc=com`)).toBe(v);
        },
      ),
    );
  });
});
