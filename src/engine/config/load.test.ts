import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/support/fixtures';
import { ConfigError, loadLabFile, parseLab } from './load';

function errorsOf(text: string, env: Record<string, string> = {}) {
  try {
    parseLab(text, { baseDir: '/nonexistent', env });
  } catch (e) {
    if (e instanceof ConfigError) return { errors: e.errors, warnings: e.warnings };
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('lab file loading', () => {
  it('loads the conformance fixture as-is', async () => {
    const lab = await loadLabFile(fixturePath('lab.yaml'));
    expect(lab.config.devices.map((d) => d.name)).toEqual(['lab-loopback', 'lab-alt']);
    expect(lab.config.tacacs?.listen).toEqual(['127.0.0.1:14949']);
    expect(lab.config.radius?.radsec?.secret.reveal()).toBe('radsec');
    expect(lab.config.coa?.rules[0]).toEqual({ if: { has: 'Framed-IP-Netmask' }, then: { nak: 407 } });
    expect(lab.tls.tacacs?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(lab.tls.radsec?.ca).toBeDefined();
    expect(lab.warnings).toEqual([]);
    expect(lab.devices.lookup('127.0.0.3')?.device.name).toBe('lab-alt');
    expect(lab.devices.lookup('::ffff:127.0.0.1')?.device.name).toBe('lab-loopback');
    expect(lab.devices.lookup('127.0.0.9')).toBeUndefined();
  });

  it('never prints secrets', async () => {
    const lab = await loadLabFile(fixturePath('lab.yaml'));
    const text = JSON.stringify(lab.config) + String(lab.config.devices[0]?.tacacsSecret);
    expect(text).not.toContain('testing123');
    expect(text).not.toContain('alice-pass');
  });

  it('names the field and line of an invalid CIDR', () => {
    const { errors } = errorsOf(
      'devices:\n  - name: a\n    match: 10.0.0.0/8\n  - name: b\n    match: "10.0.0.0/33"\n',
    );
    expect(errors).toContainEqual(
      expect.objectContaining({
        path: 'devices[1].match',
        message: '"10.0.0.0/33" is not a valid CIDR',
        line: 5,
      }),
    );
  });

  it('lists every problem at once: types, references, duplicates', () => {
    const { errors } = errorsOf(
      [
        'groups:',
        '  - name: g',
        '    privLvl: high',
        'users:',
        '  - username: x',
        '    groups: [nope]',
        '  - username: x',
      ].join('\n'),
    );
    const paths = errors.map((e) => e.path);
    expect(paths).toContain('groups[0].privLvl');
    expect(errors.find((e) => e.path === 'groups[0].privLvl')?.message).toMatch(/number.*"high"/);
  });

  it('reports undefined groups and duplicate users after the schema passes', () => {
    const { errors } = errorsOf(
      'groups: [{name: g}]\nusers:\n  - {username: x, groups: [nope]}\n  - {username: x}\n',
    );
    expect(errors.map((e) => `${e.path}: ${e.message}`)).toEqual([
      'users[1].username: duplicate user "x"',
      'users[0].groups[0]: group "nope" is not defined in groups',
    ]);
  });

  it('warns about unknown keys and overlapping CIDRs but loads', () => {
    const lab = parseLab(
      'devices:\n  - {name: a, match: 10.0.0.0/8, colour: red}\n  - {name: b, match: 10.1.0.0/16}\n',
      {
        baseDir: '/tmp',
      },
    );
    expect(lab.warnings.map((w) => w.path)).toEqual(['devices[0].colour', 'devices[1].match']);
    expect(lab.devices.lookup('10.1.2.3')?.device.name).toBe('b');
    expect(lab.devices.lookup('10.2.2.3')?.device.name).toBe('a');
  });

  it('reports malformed YAML with its line', () => {
    const { errors } = errorsOf('devices:\n  - name: a\n   match: [\n');
    expect(errors[0]?.path).toBe('(yaml)');
    expect(errors[0]?.line).toBeGreaterThan(0);
  });

  it('interpolates environment variables and names a missing one', () => {
    const ok = parseLab('web:\n  apiToken: ${TOKEN}\n', { baseDir: '/tmp', env: { TOKEN: 'abc' } });
    expect(ok.config.web.apiToken?.reveal()).toBe('abc');
    const { errors } = errorsOf('web:\n  apiToken: ${TOKEN}\n');
    expect(errors[0]).toMatchObject({
      path: 'web.apiToken',
      message: 'environment variable TOKEN is not set',
      line: 2,
    });
  });

  it('names unreadable TLS files by field', () => {
    const { errors } = errorsOf(
      'tacacs:\n  listen: []\n  tls:\n    listen: ["127.0.0.1:1"]\n    cert: c.pem\n    key: k.pem\n',
    );
    expect(errors.map((e) => e.path)).toEqual(['tacacs.tls.cert', 'tacacs.tls.key']);
    expect(errors[0]?.message).toMatch(/cannot read .*c\.pem: ENOENT/);
  });

  it('rejects bad listen addresses', () => {
    const { errors } = errorsOf('radius:\n  auth: ["1.2.3.4:99999", "nohost"]\n');
    expect(errors.map((e) => e.path)).toEqual(['radius.auth[0]', 'radius.auth[1]']);
  });
});
