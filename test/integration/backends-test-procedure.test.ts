import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BackendTestOutput } from '../../src/contract/backends';
import { dispatch } from '../../src/contract/dispatch';
import type { Envelope } from '../../src/contract/envelope';
import { Engine } from '../../src/engine/lab';
import { silentLogger } from '../../src/engine/log';
import { copyFixtureLab, repoRoot } from '../support/fixtures';
import { slapdAvailable, startSlapd, type SlapdPeer } from '../peers/slapd';

const have = slapdAvailable();

/** backends.test through the contract dispatcher, over lab-ldap.yaml as the engine loads it. */
describe.skipIf(!have)('backends.test procedure', () => {
  let engine: Engine;
  let slapd: SlapdPeer;

  beforeAll(async () => {
    slapd = await startSlapd({ port: 3389 });
    const { config } = copyFixtureLab('lab-ldap.yaml');
    engine = await Engine.create({
      configPath: config,
      defaultConfigPath: join(repoRoot, 'resources/lab.default.yaml'),
      dataDir: mkdtempSync(join(tmpdir(), 'aaa-lab-backends-')),
      log: silentLogger,
      env: { LDAP_BIND_PASSWORD: 'adminpw' },
      factories: [],
    });
  });
  afterAll(async () => {
    await engine?.close();
    await slapd?.stop();
  });

  const call = async (input: unknown) =>
    (await dispatch(engine.handlers, 'backends.test', input, () => {})) as Envelope<BackendTestOutput>;

  it('tries carol against the directory and shows the steps', async () => {
    const env = await call({ backend: 'lab-directory', username: 'carol', password: 'carol-pass' });
    expect(env.ok).toBe(true);
    if (!env.ok) return;
    expect(env.value).toMatchObject({
      backend: 'lab-directory',
      type: 'ldap',
      allow: true,
      status: 'allow',
      groups: ['netops'],
    });
    expect(env.value.steps.join('\n')).toMatch(
      /LDAP bind as uid=carol,ou=people,dc=example,dc=com succeeded/,
    );
    expect(JSON.stringify(env)).not.toContain('carol-pass');
  });

  it('tests the local backend alone: carol is unknown there', async () => {
    const env = await call({ backend: 'local', username: 'carol', password: 'carol-pass' });
    expect(env.ok && env.value.status).toBe('unknown-user');
  });

  it('an unknown backend name is not_found, naming the ones that exist', async () => {
    const env = await call({ backend: 'nope', username: 'carol', password: 'x' });
    expect(env.ok).toBe(false);
    if (env.ok) return;
    expect(env.error.code).toBe('not_found');
    expect(env.error.message).toContain('local, lab-directory');
  });
});
