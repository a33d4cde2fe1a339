import { readFileSync } from 'node:fs';
import { parseDocument, type Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LabError } from '../../../contract/envelope';
import { fixturePath } from '../../../../test/support/fixtures';
import { parseLab } from '../load';
import { removeItem, upsertDevice, upsertGroup, upsertUser } from './entities';
import { setSettings } from './settings-edit';
import { renderEdited } from './splice';

const source = readFileSync(fixturePath('lab.yaml'), 'utf8');

/** The fixture after `mutate`, as the editors save it. */
function edited(mutate: (doc: Document) => unknown, text = source): string {
  const doc = parseDocument(text);
  mutate(doc);
  return renderEdited(text, parseDocument(text), doc);
}

const load = (text: string) => parseLab(text, { baseDir: fixturePath('.'), env: {} }).config;
const before = (text: string, key: string) => text.slice(0, text.indexOf(`\n${key}:`));

describe('lab edits on the YAML document', () => {
  it('changes one device and keeps every comment and every other section byte for byte', () => {
    const out = edited((doc) =>
      upsertDevice(doc, 'lab-alt', {
        name: 'lab-alt',
        match: '127.0.0.4/32',
        requireMessageAuthenticator: true,
      }),
    );
    expect(before(out, 'devices')).toBe(before(source, 'devices'));
    expect(out.slice(out.indexOf('\ngroups:'))).toBe(source.slice(source.indexOf('\ngroups:')));
    expect(out).toContain('# Access-Request from here without a valid one is discarded');
    expect(out).toContain('#   and shown in the trace as coming from an unknown client');
    const alt = load(out).devices.find((d) => d.name === 'lab-alt')!;
    expect(alt.match).toBe('127.0.0.4/32');
    // Secrets left out of the edit stay as they were: nothing to re-type.
    expect(alt.tacacsSecret?.reveal()).toBe('other-secret');
    expect(alt.coaSecret?.reveal()).toBe('other-secret');
  });

  it('adds a device at the end of the list, and removes one', () => {
    const out = edited((doc) =>
      upsertDevice(doc, undefined, {
        name: 'core-sw1',
        match: '10.1.0.0/24',
        tacacsSecret: 's3cret',
        vendor: 'ios',
      }),
    );
    expect(load(out).devices.map((d) => d.name)).toEqual(['lab-loopback', 'lab-alt', 'core-sw1']);
    const gone = edited((doc) => removeItem(doc, 'devices', 'lab-alt'), out);
    expect(load(gone).devices.map((d) => d.name)).toEqual(['lab-loopback', 'core-sw1']);
    expect(gone).toContain('# clients (NAS); a request from any other address is refused');
  });

  it('sets, keeps and removes secrets: absent keeps, null removes', () => {
    const out = edited((doc) =>
      upsertDevice(doc, 'lab-loopback', {
        name: 'lab-loopback',
        match: '127.0.0.1/32',
        tacacsSecret: 'new-one',
        coaSecret: null,
      }),
    );
    const d = load(out).devices[0]!;
    expect(d.tacacsSecret?.reveal()).toBe('new-one');
    expect(d.radiusSecret?.reveal()).toBe('testing123');
    expect(d.coaSecret).toBeUndefined();
  });

  it('refuses a name another item already has, naming the field', () => {
    const err = (() => {
      try {
        edited((doc) => upsertDevice(doc, undefined, { name: 'lab-alt', match: '10.0.0.0/8' }));
      } catch (e) {
        return e as LabError;
      }
    })();
    expect(err).toBeInstanceOf(LabError);
    expect(err?.issues).toEqual([{ path: 'name', message: '"lab-alt" already exists in devices' }]);
  });

  it('reorders command rules, keeping the comment on the moved rule', () => {
    const text = source.replace('- permit: "^show( |$)"', '- permit: "^show( |$)"   # read-only');
    const out = edited(
      (doc) =>
        upsertGroup(doc, 'helpdesk', {
          name: 'helpdesk',
          privLvl: 1,
          commands: [
            { action: 'deny', pattern: '.*' },
            { action: 'permit', pattern: '^show( |$)' },
          ],
          tacacsShell: { 'priv-lvl': '1' },
        }),
      text,
    );
    const g = load(out).groups.find((x) => x.name === 'helpdesk')!;
    expect(g.commands).toEqual([{ deny: '.*' }, { permit: '^show( |$)' }]);
    expect(out).toMatch(/- permit: "\^show\( \|\$\)"\s+# read-only/);
    // radiusReply was left out of the edit: it stays.
    expect(g.radiusReply).toEqual({ 'Service-Type': 'NAS-Prompt-User' });
  });

  it('renames a group in its members too, and will not remove a group in use', () => {
    const out = edited((doc) =>
      upsertGroup(doc, 'netops', {
        name: 'neteng',
        privLvl: 15,
        commands: [{ action: 'permit', pattern: '.*' }],
      }),
    );
    const cfg = load(out);
    expect(cfg.users.find((u) => u.username === 'alice')?.groups).toEqual(['neteng']);
    expect(() => edited((doc) => removeItem(doc, 'groups', 'neteng'), out)).toThrow(/used by alice/);
  });

  it('edits a user: groups, disabled, password kept', () => {
    const out = edited((doc) =>
      upsertUser(doc, 'bob', { username: 'bob', groups: ['helpdesk', 'netops'], disabled: true }),
    );
    const bob = load(out).users.find((u) => u.username === 'bob')!;
    expect(bob).toMatchObject({ groups: ['helpdesk', 'netops'], disabled: true });
    expect(bob.password?.reveal()).toBe('bob-pass');
  });

  it('changes settings without touching the sections it does not set', () => {
    const out = edited((doc) =>
      setSettings(doc, { trace: { ringSize: 5000, showSecrets: true }, accounting: { retentionDays: 30 } }),
    );
    expect(out.startsWith(source.trimEnd())).toBe(true);
    const cfg = load(out);
    expect(cfg.trace).toMatchObject({ ringSize: 5000, showSecrets: true });
    expect(cfg.accounting.retentionDays).toBe(30);
    const again = edited((doc) => setSettings(doc, { trace: { ringSize: 6000 } }), out);
    expect(load(again).trace.ringSize).toBe(6000);
    expect(again.replace('6000', '5000')).toBe(out);
  });

  it('sets the admin login, keeping the hash when only the name changes', () => {
    const out = edited((doc) => setSettings(doc, { admin: { username: 'root' } }));
    expect(load(out).web.admin?.username).toBe('root');
    expect(out).toContain('$2b$10$yqxd3wgyyGsH57AwYDFyd.giGgB68QfkUSqSIqnwrO0F0fLetzbZK');
    expect(out).toContain('apiToken: "lab-api-token-0123456789"  # Bearer token');
    expect(out.replace('username: root', 'username: admin')).toBe(source);
    const none = edited((doc) => setSettings(doc, { admin: null }), out);
    expect(load(none).web.admin).toBeUndefined();
    expect(() => edited((doc) => setSettings(doc, { admin: { username: 'x' } }), none)).toThrow(
      /admin.password: is required/,
    );
  });
});
