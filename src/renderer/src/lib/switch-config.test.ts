import { describe, expect, it } from 'vitest';
import type { ServiceState } from '../../../contract/schemas';
import {
  LAB_IP_PLACEHOLDER,
  labEndpoints,
  platforms,
  switchConfig,
  type SnippetInput,
} from './switch-config';

const services: ServiceState[] = [
  {
    name: 'tacacs',
    state: 'running',
    listeners: [{ service: 'tacacs', transport: 'tcp', address: '127.0.0.1', port: 14949 }],
  },
  {
    name: 'radius',
    state: 'running',
    listeners: [
      { service: 'radius-auth', transport: 'udp', address: '127.0.0.1', port: 21812 },
      { service: 'radius-acct', transport: 'udp', address: '127.0.0.1', port: 21813 },
    ],
  },
];

const secrets = { tacacs: 'tac-s3cret', radius: 'rad-s3cret', coa: 'coa-s3cret' };
const all = { name: 'lab-loopback', tacacs: true, radius: true, coa: true };

function input(platform: SnippetInput['platform'], device = all): SnippetInput {
  return { platform, device, lab: labEndpoints(services), secrets };
}

describe('labEndpoints', () => {
  it('takes the first TACACS+ and RADIUS listeners', () => {
    expect(labEndpoints(services)).toEqual({
      address: '127.0.0.1',
      tacacsPort: 14949,
      radiusAuthPort: 21812,
      radiusAcctPort: 21813,
    });
  });

  it('replaces a wildcard bind address with a placeholder, and honours an override', () => {
    const wild: ServiceState[] = [
      {
        name: 't',
        state: 'running',
        listeners: [{ service: 'tacacs', transport: 'tcp', address: '0.0.0.0', port: 49 }],
      },
    ];
    expect(labEndpoints(wild).address).toBe(LAB_IP_PLACEHOLDER);
    expect(labEndpoints(wild, ' 10.1.2.3 ').address).toBe('10.1.2.3');
    expect(labEndpoints([]).tacacsPort).toBeUndefined();
  });
});

describe('switchConfig', () => {
  it.each(platforms.map((p) => p.id))('%s names the lab address, both ports and every secret', (id) => {
    const text = switchConfig(input(id));
    expect(text).toContain('127.0.0.1');
    expect(text).toContain('14949');
    expect(text).toContain('21812');
    expect(text).toContain('tac-s3cret');
    expect(text).toContain('rad-s3cret');
    expect(text).toContain('lab-loopback');
  });

  it('IOS uses server groups, command authorization and a dynamic-author client', () => {
    const text = switchConfig(input('ios'));
    expect(text).toContain('tacacs server AAA-LAB\n address ipv4 127.0.0.1\n port 14949\n key 0 tac-s3cret');
    expect(text).toContain('address ipv4 127.0.0.1 auth-port 21812 acct-port 21813');
    expect(text).toContain('aaa authorization commands 15 default group AAA-LAB-TACACS');
    expect(text).toContain('client 127.0.0.1 server-key 0 coa-s3cret');
  });

  it('IOS writes ipv6 server addresses for an IPv6 lab', () => {
    const text = switchConfig({ ...input('ios'), lab: { address: '2001:db8::5', tacacsPort: 49 } });
    expect(text).toContain('address ipv6 2001:db8::5');
  });

  it('leaves out what the device does not use', () => {
    const text = switchConfig(input('junos', { name: 'r', tacacs: true, radius: false, coa: false }));
    expect(text).toContain('set system tacplus-server 127.0.0.1 port 14949 secret "tac-s3cret"');
    expect(text).not.toContain('radius-server');
    expect(text).toContain('authentication-order [ tacplus password ]');
  });

  it('falls back to RADIUS for login when the device has no TACACS+', () => {
    const text = switchConfig(input('eos', { name: 'r', tacacs: false, radius: true, coa: false }));
    expect(text).toContain('aaa authentication login default group AAA-LAB-RADIUS local');
    expect(text).not.toContain('tacacs-server');
  });

  it('says so when there is nothing to configure', () => {
    const text = switchConfig(input('aoscx', { name: 'r', tacacs: false, radius: false, coa: false }));
    expect(text).toContain('nothing to configure');
  });

  it('uses the platform comment character on the first line', () => {
    expect(switchConfig(input('junos')).startsWith('#')).toBe(true);
    expect(switchConfig(input('nxos')).startsWith('!')).toBe(true);
  });
});

describe('snippets that follow the lab policy', () => {
  const base = {
    device: { name: 'sw1', tacacs: true, radius: true, coa: false },
    lab: { address: '10.0.0.5', tacacsPort: 49, radiusAuthPort: 1812, radiusAcctPort: 1813 },
    secrets: { tacacs: 'T', radius: 'R', coa: 'C' },
    groups: [
      { name: 'netops', privLvl: 15 },
      { name: 'helpdesk', privLvl: 1 },
    ],
  };

  it('IOS-XE authorizes and accounts commands at every privilege level the groups use', () => {
    const ios = switchConfig({ ...base, platform: 'ios' });
    for (const lvl of [1, 15]) {
      expect(ios).toContain(`aaa authorization commands ${lvl} default group AAA-LAB-TACACS`);
      expect(ios).toContain(`aaa accounting commands ${lvl} default start-stop group AAA-LAB-TACACS`);
    }
    expect(ios).toContain('ip tacacs source-interface');
    expect(ios).toMatch(/matches devices by source address/);
  });

  it('Junos maps each group to a class (helpdesk is not a super-user) and commits', () => {
    const junos = switchConfig({ ...base, platform: 'junos' });
    expect(junos).toContain('set system login user helpdesk class read-only');
    expect(junos).toContain('set system login user netops class super-user');
    expect(junos).not.toContain('set system login user remote class super-user');
    expect(junos).toMatch(/ignores priv-lvl/);
    expect(junos.trimEnd().split('\n').at(-1)).toBe('commit');
    expect(
      switchConfig({ ...base, platform: 'iosxr' })
        .trimEnd()
        .split('\n')
        .at(-1),
    ).toBe('commit');
  });
});
