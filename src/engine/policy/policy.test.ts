import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/support/fixtures';
import { LocalBackend } from '../backends/local';
import { loadLabFile } from '../config/load';
import { explainLine } from './decision';
import { explain } from './explain';
import { Policy } from './policy';

async function fixturePolicy() {
  const lab = await loadLabFile(fixturePath('lab.yaml'));
  return new Policy(lab, [new LocalBackend(lab.config.users)]);
}

describe('policy over the conformance fixture', () => {
  it('denies bob configure terminal with the whole chain', async () => {
    const p = await fixturePolicy();
    const d = await p.authorize({
      device: p.device('127.0.0.1'),
      username: 'bob',
      cmd: 'configure',
      args: ['terminal', '<cr>'],
    });
    expect(d.allow).toBe(false);
    expect(explainLine(d)).toBe(
      'device lab-loopback (127.0.0.1/32) → user bob → group helpdesk → rule 2 `deny .*` matched `configure terminal`',
    );
  });

  it('permits bob show commands, including the bare `show`, and alice anything', async () => {
    const p = await fixturePolicy();
    const dev = p.device('127.0.0.1');
    expect((await p.authorize({ device: dev, username: 'bob', command: 'show running-config' })).allow).toBe(
      true,
    );
    expect((await p.authorize({ device: dev, username: 'bob', cmd: 'show', args: ['', '<cr>'] })).allow).toBe(
      true,
    );
    expect((await p.authorize({ device: dev, username: 'bob', command: 'shutdown' })).allow).toBe(false);
    expect((await p.authorize({ device: dev, username: 'alice', command: 'reload' })).allow).toBe(true);
  });

  it('returns the group shell AV pairs and RADIUS reply on exec', async () => {
    const p = await fixturePolicy();
    const alice = await p.authorize({ username: 'alice' });
    expect(alice).toMatchObject({ allow: true, privLvl: 15, avPairs: ['priv-lvl=15'] });
    expect(alice.radiusReply).toEqual([
      ['Service-Type', 'Administrative-User'],
      ['Cisco-AVPair', 'shell:priv-lvl=15'],
    ]);
  });

  it('checks passwords and enable passwords', async () => {
    const p = await fixturePolicy();
    const pw = (password: string) => ({ kind: 'password' as const, password });
    expect((await p.authenticate({ username: 'alice', credentials: pw('alice-pass') })).allow).toBe(true);
    expect((await p.authenticate({ username: 'alice', credentials: pw('wrong') })).allow).toBe(false);
    expect(
      (await p.authenticate({ username: 'alice', credentials: pw('alice-enable'), service: 'enable' })).allow,
    ).toBe(true);
    const bobEnable = await p.authenticate({
      username: 'bob',
      credentials: pw('bob-pass'),
      service: 'enable',
    });
    expect(bobEnable.allow).toBe(false);
    expect(bobEnable.reasons).toContain('local: user bob has no enable password configured');
    const ghost = await p.authenticate({ username: 'ghost', credentials: pw('x') });
    expect(ghost.reasons).toEqual([
      'no device (direct check)',
      'user ghost',
      'local: no user "ghost"',
      'authentication failed',
    ]);
  });

  it('answers synchronously with the same decision when only local backends are consulted', async () => {
    const p = await fixturePolicy();
    const dev = p.device('127.0.0.1');
    const cases = [
      { username: 'alice', password: 'alice-pass', service: 'login' as const },
      { username: 'alice', password: 'wrong', service: 'login' as const },
      { username: 'nobody', password: 'x', service: 'login' as const },
      { username: 'alice', password: 'alice-enable', service: 'enable' as const },
    ];
    for (const c of cases) {
      const req = {
        device: dev,
        username: c.username,
        credentials: { kind: 'password' as const, password: c.password },
        service: c.service,
      };
      expect(p.authenticateNow(req)).toEqual(await p.authenticate(req));
    }
  });

  it('repeats one frozen decision per result, device, service and user (the trace keeps it by reference)', async () => {
    const p = await fixturePolicy();
    const req = (
      username: string,
      password: string,
      address = '127.0.0.1',
      service: 'login' | 'enable' = 'login',
    ) => ({
      device: p.device(address),
      username,
      credentials: { kind: 'password' as const, password },
      service,
    });
    const first = p.authenticateNow(req('alice', 'alice-pass'))!;
    expect(p.authenticateNow(req('alice', 'alice-pass'))).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.reasons)).toBe(true);
    // Any difference in what the reasons mention gives another decision.
    expect(p.authenticateNow(req('alice', 'wrong'))).not.toBe(first);
    expect(p.authenticateNow(req('alice', 'alice-enable', '127.0.0.1', 'enable'))).not.toBe(first);
    const other = p.authenticateNow(req('alice', 'alice-pass', '127.0.0.3'))!;
    expect(other).not.toBe(first);
    expect(other.reasons[0]).not.toBe(first.reasons[0]);
    expect(other).toEqual(await p.authenticate(req('alice', 'alice-pass', '127.0.0.3')));
  });

  it('defers to the async chain when a backend without a synchronous check comes first', async () => {
    const lab = await loadLabFile(fixturePath('lab.yaml'));
    const local = new LocalBackend(lab.config.users);
    const remote = {
      name: 'directory',
      type: 'ldap' as const,
      authenticate: () =>
        Promise.resolve({
          status: 'unknown-user' as const,
          groups: [],
          reasons: ['directory: no such user'],
          ms: 0,
        }),
      lookup: () => Promise.resolve({ status: 'unknown-user' as const, groups: [], reasons: [], ms: 0 }),
      close: () => Promise.resolve(),
    };
    const req = { username: 'alice', credentials: { kind: 'password' as const, password: 'alice-pass' } };
    expect(new Policy(lab, [remote, local]).authenticateNow(req)).toBeUndefined();
    // Local answers first, so the directory is never consulted and no promise is needed.
    expect(new Policy(lab, [local, remote]).authenticateNow(req)?.allow).toBe(true);
  });

  it('explains with a device name or an address and says when neither matches', async () => {
    const p = await fixturePolicy();
    const byName = await explain(p, { username: 'alice', device: 'lab-alt', command: 'configure terminal' });
    expect(byName.device).toEqual({ name: 'lab-alt', cidr: '127.0.0.3/32' });
    expect(byName.authorization.allow).toBe(true);
    const unknown = await explain(p, { username: 'alice', device: '192.0.2.7' });
    expect(unknown.summary).toMatch(/^no device matches "192.0.2.7"/);
    const wrongPw = await explain(p, { username: 'alice', password: 'nope', command: 'show clock' });
    expect(wrongPw.authentication?.allow).toBe(false);
    expect(wrongPw.summary).toMatch(/password incorrect/);
  });
});
