import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../test/support/engine';
import { registerRadius } from './radius';

const TLS = '/work/shared/fixtures/tls';
let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine({ lab: 'lab-eap.yaml', ports: 'ephemeral' });
});
afterAll(async () => {
  await t?.engine.stop();
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command('aaa-lab').exitOverride();
  registerRadius(program, { out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(['node', 'aaa-lab', 'radius', 'eap', ...args]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('aaa-lab radius eap', () => {
  const server = () => `127.0.0.1:${t.port('radius-auth')}`;

  it('peap: accept (0) with the rounds printed and the MPPE keys verified', async () => {
    const r = await cli(
      '--method',
      'peap',
      '-H',
      server(),
      '-s',
      'testing123',
      '-u',
      'alice',
      '-P',
      'alice-pass',
      '--ca',
      `${TLS}/ca.pem`,
      '--server-name',
      'localhost',
      '-v',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('round 1: sent EAP-Response/Identity id=0: Identity (anonymous)');
    expect(r.out).toContain('Access-Accept after');
    expect(r.out).toContain('MPPE keys match the MSK');
  });

  it('tls with the client certificate: accept; md5 with a wrong password: reject (1)', async () => {
    const ok = await cli(
      '--method',
      'tls',
      '-H',
      server(),
      '-s',
      'testing123',
      '-u',
      'lab-client',
      '--ca',
      `${TLS}/ca.pem`,
      '--cert',
      `${TLS}/client.pem`,
      '--key',
      `${TLS}/client.key`,
    );
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('MPPE keys match the MSK');
    const bad = await cli(
      '--method',
      'md5',
      '-H',
      server(),
      '-s',
      'testing123',
      '-u',
      'alice',
      '-P',
      'wrong',
    );
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/REJECT in round \d+: Access-Reject with EAP-Failure/);
  });

  it('usage errors exit 2', async () => {
    const timeout = await cli(
      '--method',
      'md5',
      '-H',
      '127.0.0.1:9',
      '-s',
      'x',
      '-u',
      'a',
      '-P',
      'b',
      '-t',
      '0.2',
      '-r',
      '0',
    );
    expect(timeout).toMatchObject({ code: 2, out: expect.stringMatching(/FAILURE in round 1: timeout/) });
    expect((await cli('--method', 'tls', '-s', 'x', '-u', 'a')).code).toBe(2);
    expect((await cli('--method', 'md5', '-u', 'a', '-P', 'b')).err).toMatch(/--secret/);
    expect((await cli('--method', 'md5', '-s', 'x', '-u', 'a', '-P', 'b', '-t', '0')).code).toBe(2);
    expect(
      (await cli('--method', 'peap', '-s', 'x', '-u', 'a', '-P', 'b', '--ca', '/nonexistent')).err,
    ).toMatch(/--ca: cannot read/);
  });
});
