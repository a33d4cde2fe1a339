import { readFileSync } from 'node:fs';
import bcrypt from 'bcryptjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../contract/dispatch';
import type { Envelope } from '../../../contract/envelope';
import {
  callProcedure,
  startTestEngine,
  startTestServe,
  type TestEngine,
} from '../../../../test/support/engine';

let lab: TestEngine;
beforeEach(async () => {
  lab = await startTestEngine({ factories: [] });
});
afterEach(async () => {
  await lab.engine.close();
});

const file = () => readFileSync(lab.config, 'utf8');
/** The envelope, for the failures' field issues. */
const raw = (name: string, input: unknown) =>
  dispatch(lab.engine.handlers, name, input) as Promise<Envelope<unknown>>;

describe('devices.* through the contract', () => {
  it('adds a device: in the running lab, in the file (comments kept) and in the audit log', async () => {
    const status = await callProcedure(lab.engine, 'devices.upsert', {
      device: { name: 'core-sw1', match: '10.1.0.0/24', tacacsSecret: 'core-secret', vendor: 'ios' },
    });
    expect(status.devices.map((d) => d.name)).toContain('core-sw1');
    expect(lab.engine.lab.devices.lookup('10.1.0.7')?.device.name).toBe('core-sw1');
    expect(file()).toContain('  - name: core-sw1\n    match: 10.1.0.0/24\n    tacacsSecret: core-secret');
    expect(file()).toContain('# clients (NAS); a request from any other address is refused');
    const audit = lab.engine.audit.list(5);
    expect(audit[0]?.event).toBe('devices.upserted');
    expect(JSON.stringify(audit[0])).not.toContain('core-secret');
  });

  it('masks secrets unless revealed, and keeps them when an edit leaves them out', async () => {
    const masked = await callProcedure(lab.engine, 'devices.get', { name: 'lab-alt' });
    expect(masked).toMatchObject({ tacacsSecret: '••••••', revealed: false });
    await callProcedure(lab.engine, 'devices.upsert', {
      original: 'lab-alt',
      device: { name: 'lab-alt', match: '127.0.0.3/32', requireMessageAuthenticator: 'auto' },
    });
    const shown = await callProcedure(lab.engine, 'devices.get', { name: 'lab-alt', reveal: true });
    expect(shown).toMatchObject({ tacacsSecret: 'other-secret', requireMessageAuthenticator: 'auto' });
    expect(lab.engine.audit.list(1)[0]?.event).toBe('devices.secrets-revealed');
    const env = await raw('devices.upsert', {
      original: 'lab-alt',
      device: { name: 'lab-alt', match: '127.0.0.3/32', radiusSecret: '••••••' },
    });
    expect(env.ok).toBe(false);
  });

  it('rejects a bad edit by field, and changes nothing', async () => {
    const before = file();
    const env = await raw('devices.upsert', {
      original: 'lab-loopback',
      device: { name: 'lab-loopback', match: '127.0.0.999/32' },
    });
    expect(env).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_config',
        issues: [{ path: 'match', message: '"127.0.0.999/32" is not a valid CIDR' }],
      },
    });
    expect(file()).toBe(before);
    expect(lab.engine.lab.config.devices[0]?.match).toBe('127.0.0.1/32');
  });

  it('removes a device', async () => {
    const status = await callProcedure(lab.engine, 'devices.remove', { name: 'lab-alt' });
    expect(status.devices.map((d) => d.name)).toEqual(['lab-loopback']);
    expect(file()).not.toContain('lab-alt');
    expect((await raw('devices.remove', { name: 'lab-alt' })).ok).toBe(false);
  });
});

describe('groups.* and users.* through the contract', () => {
  it('reordering command rules changes the authorization decision', async () => {
    const explain = () =>
      callProcedure(lab.engine, 'policy.explain', {
        username: 'bob',
        device: 'lab-loopback',
        command: 'show version',
      });
    expect((await explain()).authorization.allow).toBe(true);
    await callProcedure(lab.engine, 'groups.upsert', {
      original: 'helpdesk',
      group: {
        name: 'helpdesk',
        privLvl: 1,
        commands: [
          { action: 'deny', pattern: '.*' },
          { action: 'permit', pattern: '^show( |$)' },
        ],
        tacacsShell: { 'priv-lvl': '1' },
      },
    });
    expect((await explain()).authorization.allow).toBe(false);
    expect(file()).toMatch(/- deny: "\.\*"\n\s+- permit: "\^show\( \|\$\)"/);
  });

  it('adds a user with a password, shows it masked, and removes it', async () => {
    await callProcedure(lab.engine, 'users.upsert', {
      user: { username: 'carol', password: 'carol-pass', groups: ['helpdesk'] },
    });
    expect(await callProcedure(lab.engine, 'users.get', { username: 'carol' })).toMatchObject({
      password: '••••••',
      groups: ['helpdesk'],
    });
    const env = await raw('users.upsert', { user: { username: 'dave', groups: ['nobody'] } });
    expect(env).toMatchObject({
      ok: false,
      error: { issues: [{ path: 'groups[0]', message: 'group "nobody" is not defined in groups' }] },
    });
    await callProcedure(lab.engine, 'users.remove', { username: 'carol' });
    expect(file()).not.toContain('carol');
  });
});

describe('settings.* through the contract', () => {
  it('sets the ring size, show-secrets, retention and the admin password', async () => {
    const s = await callProcedure(lab.engine, 'settings.set', {
      trace: { ringSize: 5000, showSecrets: true },
      accounting: { retentionDays: 14 },
      admin: { username: 'root', password: 'a-new-admin-pass' },
    });
    expect(s).toMatchObject({
      trace: { ringSize: 5000, runningRingSize: 100_000, showSecrets: true },
      accounting: { retentionDays: 14 },
      admin: { username: 'root' },
    });
    const hash = lab.engine.lab.config.web.admin?.passwordHash ?? '';
    expect(await bcrypt.compare('a-new-admin-pass', hash)).toBe(true);
    expect(file()).toContain('ringSize: 5000');
    expect(JSON.stringify(lab.engine.audit.list(1))).not.toContain('a-new-admin-pass');
  });

  it('names the field of an out-of-range value', async () => {
    const env = await raw('settings.set', { trace: { ringSize: 5 } });
    expect(env).toMatchObject({ ok: false, error: { issues: [{ path: 'trace.ringSize' }] } });
  });

  it('reports the web listener the host is serving from', async () => {
    expect((await callProcedure(lab.engine, 'settings.get', {})).web.url).toBeUndefined();
    const serve = await startTestServe(lab.engine);
    try {
      const s = await callProcedure(lab.engine, 'settings.get', {});
      expect(s.web.url).toBe(`http://127.0.0.1:${serve.port}`);
    } finally {
      await serve.close();
    }
  });
});
