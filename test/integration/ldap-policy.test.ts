import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackends } from '../../src/engine/backends/create';
import type { AuthBackend } from '../../src/engine/backends/types';
import { loadLabFile } from '../../src/engine/config/load';
import type { LoadedLab } from '../../src/engine/config/loaded-lab';
import { explainLine } from '../../src/engine/policy/decision';
import { Policy } from '../../src/engine/policy/policy';
import { SHARED_FIXTURES, slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';

const have = slapdAvailable();
const pap = (password: string) => ({ kind: 'password' as const, password });

/** The shared lab-ldap.yaml as-is: local backend first, then the directory on 127.0.0.1:3389. */
describe.skipIf(!have)('Policy over lab-ldap.yaml with slapd on 127.0.0.1:3389', () => {
  let slapd: SlapdPeer | undefined;
  let lab: LoadedLab;
  let backends: AuthBackend[];
  let policy: Policy;
  const device = () => policy.device('127.0.0.1');

  beforeAll(async () => {
    slapd = await startSlapd({ port: 3389 });
    lab = await loadLabFile(join(SHARED_FIXTURES, 'lab-ldap.yaml'), { LDAP_BIND_PASSWORD: 'adminpw' });
    backends = createBackends(lab.config, {}, { baseDir: lab.baseDir });
    policy = new Policy(lab, backends);
  });

  afterAll(async () => {
    await Promise.all(backends?.map((b) => b.close()) ?? []);
    await slapd?.stop();
  });

  it('carol (LDAP, netadmins → netops) logs in and may run anything', async () => {
    const d = await policy.authenticate({
      device: device(),
      username: 'carol',
      credentials: pap('carol-pass'),
    });
    expect(d.allow).toBe(true);
    expect(d).toMatchObject({ backend: 'lab-directory', groups: ['netops'], privLvl: 15 });
    expect(d.avPairs).toContain('priv-lvl=15');
    expect(explainLine(d)).toMatch(/local: no user "carol" → lab-directory: found uid=carol/);
    for (const command of ['configure terminal', 'reload', 'show running-config']) {
      expect((await policy.authorize({ device: device(), username: 'carol', command })).allow, command).toBe(
        true,
      );
    }
  });

  it('dave (LDAP, helpdesk-staff → helpdesk) may only run show …', async () => {
    const d = await policy.authenticate({
      device: device(),
      username: 'dave',
      credentials: pap('dave-pass'),
    });
    expect(d).toMatchObject({ allow: true, groups: ['helpdesk'], privLvl: 1 });
    expect(
      (await policy.authorize({ device: device(), username: 'dave', cmd: 'show', args: ['version', '<cr>'] }))
        .allow,
    ).toBe(true);
    const no = await policy.authorize({ device: device(), username: 'dave', command: 'configure terminal' });
    expect(no.allow).toBe(false);
    expect(explainLine(no)).toMatch(/group helpdesk → rule 2 `deny \.\*` matched `configure terminal`/);
  });

  it('a wrong LDAP password is denied with the bind result', async () => {
    const d = await policy.authenticate({ device: device(), username: 'carol', credentials: pap('wrong') });
    expect(d.allow).toBe(false);
    expect(explainLine(d)).toMatch(
      /LDAP bind as uid=carol,ou=people,dc=example,dc=com failed: invalid credentials \(49\) in \d+ ms → authentication failed/,
    );
  });

  it('a user no backend knows is denied with both reasons', async () => {
    const d = await policy.authenticate({ device: device(), username: 'mallory', credentials: pap('x') });
    expect(d.allow).toBe(false);
    expect(explainLine(d)).toMatch(/local: no user "mallory" → lab-directory: no entry uid=mallory/);
  });

  it('with the directory down, local alice still works and carol fails fast with the reason', async () => {
    await slapd?.stop();
    slapd = undefined;
    const alice = await policy.authenticate({
      device: device(),
      username: 'alice',
      credentials: pap('alice-pass'),
    });
    expect(alice).toMatchObject({ allow: true, backend: 'local', groups: ['netops'] });
    expect(
      (await policy.authorize({ device: device(), username: 'alice', command: 'configure terminal' })).allow,
    ).toBe(true);
    const t0 = Date.now();
    const carol = await policy.authenticate({
      device: device(),
      username: 'carol',
      credentials: pap('carol-pass'),
    });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(carol.allow).toBe(false);
    expect(explainLine(carol)).toMatch(
      /LDAP server ldap:\/\/127.0.0.1:3389 unreachable: connect ECONNREFUSED in \d+ ms/,
    );
    const author = await policy.authorize({ device: device(), username: 'carol', command: 'show version' });
    expect(author.allow).toBe(false);
    expect(explainLine(author)).toMatch(/unreachable/);
  });
});
