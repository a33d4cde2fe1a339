import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../backends/local';
import { parseLab } from '../config/load';
import { normalizeMac, showMac } from './mac';
import { Policy } from './policy';

const LAB = `
devices:
  - { name: sw1, match: 10.0.0.0/24, radiusSecret: s }
groups:
  - name: printers
    radiusReply: { Tunnel-Type: VLAN, Tunnel-Medium-Type: IEEE-802, Tunnel-Private-Group-Id: "30" }
  - name: netops
    radiusReply: { Tunnel-Private-Group-Id: "20", Session-Timeout: 3600 }
users:
  - { username: alice, password: a, groups: [netops], radiusReply: { Framed-IP-Address: 10.9.9.9, Session-Timeout: 600 } }
  - { username: bob, password: b, groups: [netops] }
  - { username: "001122334455", groups: [netops] }
mab:
  - group: printers
    macs: ["aabb.ccdd.eeff", "AA-BB-CC-00-00-01", "a0:b0:c0:d0:e0:f0"]
`;

function policy() {
  const lab = parseLab(LAB, { baseDir: '/nonexistent', env: {} });
  return new Policy(lab, [new LocalBackend(lab.config.users)]);
}

describe('MAC address forms switches send', () => {
  it('normalises Cisco, IETF, colon and bare forms, any case', () => {
    for (const f of [
      'aabb.ccdd.eeff',
      'AABB.CCDD.EEFF',
      'AA-BB-CC-DD-EE-FF',
      'aa:bb:cc:dd:ee:ff',
      'aabbccddeeff',
      'AABBCCDDEEFF',
    ])
      expect(normalizeMac(f), f).toBe('aabbccddeeff');
    for (const bad of ['aabb.ccdd.eef', 'aa-bb:cc-dd-ee-ff', 'gabbccddeeff', 'aabbccddeeff00', ''])
      expect(normalizeMac(bad), bad).toBeUndefined();
  });

  it('every form of any MAC normalises to the same 12 digits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), (u) => {
        const h = Buffer.from(u).toString('hex');
        const forms = [
          h,
          h.toUpperCase(),
          showMac(h).toUpperCase(),
          showMac(h).replace(/-/g, ':'),
          h.replace(/(.{4})(?!$)/g, '$1.'),
        ];
        for (const f of forms) expect(normalizeMac(f)).toBe(h);
      }),
      { seed: 3580 },
    );
  });
});

describe('MAB decisions', () => {
  it('a listed MAC in any form gets the list group and its VLAN, with the chain', async () => {
    const p = policy();
    const device = p.device('10.0.0.5');
    for (const sent of ['aabbccddeeff', 'AA-BB-CC-DD-EE-FF', 'aabb.ccdd.eeff']) {
      const d = await p.mab({ device, sent });
      expect(d.allow, sent).toBe(true);
      expect(d.radiusReply).toContainEqual(['Tunnel-Private-Group-Id', '30']);
      expect(d.reasons[0]).toBe('device sw1 (10.0.0.0/24)');
      expect(d.reasons[1]).toMatch(/^MAB \(Service-Type Call-Check\): MAC aa-bb-cc-dd-ee-ff/);
      expect(d.reasons.slice(2)).toEqual([
        'in mab[0]',
        'group printers',
        'profile: Tunnel-Type=VLAN, Tunnel-Medium-Type=IEEE-802, Tunnel-Private-Group-Id=30',
        'MAB accepted',
      ]);
    }
  });

  it('an unlisted MAC known as a user is authorized as one; an unknown one is refused saying why', async () => {
    const p = policy();
    for (const sent of ['001122334455', '00-11-22-33-44-55', '0011.2233.4455']) {
      const asUser = await p.mab({ sent });
      expect(asUser.allow, sent).toBe(true);
      expect(asUser.reasons.at(-1)).toBe('MAB accepted: known as a user');
    }
    const unknown = await p.mab({ sent: 'de:ad:be:ef:00:01' });
    expect(unknown.allow).toBe(false);
    expect(unknown.reasons.at(-1)).toBe('MAB refused: not in any mab list nor a known user');
  });
});

describe('per-user reply attributes', () => {
  it("override the group's attribute of the same name and keep the others", async () => {
    const p = policy();
    const d = await p.authenticate({ username: 'alice', credentials: { kind: 'password', password: 'a' } });
    expect(d.radiusReply).toEqual([
      ['Tunnel-Private-Group-Id', '20'],
      ['Framed-IP-Address', '10.9.9.9'],
      ['Session-Timeout', 600],
    ]);
    expect(d.reasons.at(-2)).toBe(
      "user alice's reply attributes: Framed-IP-Address, Session-Timeout (over the group's)",
    );
    const bob = await p.authenticate({ username: 'bob', credentials: { kind: 'password', password: 'b' } });
    expect(bob.radiusReply).toEqual([
      ['Tunnel-Private-Group-Id', '20'],
      ['Session-Timeout', 3600],
    ]);
  });

  it('a mab list naming an undefined group is an error at its field', () => {
    expect(() =>
      parseLab('mab:\n  - group: nope\n    macs: [aabbccddeeff]\n', { baseDir: '/x', env: {} }),
    ).toThrow(/mab\[0\]\.group: group "nope" is not defined in groups/);
    expect(() =>
      parseLab('groups: [{name: g}]\nmab:\n  - group: g\n    macs: [aabbccddeef]\n', {
        baseDir: '/x',
        env: {},
      }),
    ).toThrow(/mab\[0\]\.macs\[0\]: must be a MAC address/);
  });
});
