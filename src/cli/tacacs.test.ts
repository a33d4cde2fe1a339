import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TacacsServer } from '../engine/tacacs/server/server';
import { testContext } from '../../test/support/tacacs-lab';
import { avArgs, registerTacacs } from './tacacs';

const ctx = testContext();
const server = new TacacsServer(ctx);
let port = 0;
beforeAll(async () => {
  port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
});
afterAll(() => server.stop());

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = -1;
  const program = new Command('aaa-lab').exitOverride();
  registerTacacs(program, { out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c) });
  await program.parseAsync(['node', 'aaa-lab', 'tacacs', ...args, '--port', String(port)]);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('aaa-lab tacacs', () => {
  it('authenticate: exit 0 on PASS, 1 on FAIL, 2 when the server cannot be reached', async () => {
    expect(
      await cli('authenticate', '-k', 'testing123', '-u', 'alice', '-P', 'alice-pass', '-t', 'pap'),
    ).toMatchObject({ code: 0, out: expect.stringContaining('PASS') });
    expect(
      (await cli('authenticate', '-k', 'testing123', '-u', 'alice', '-P', 'bad', '-t', 'chap')).code,
    ).toBe(1);
    const r = await cli(
      'authenticate',
      '-k',
      'testing123',
      '-u',
      'alice',
      '-P',
      'x',
      '--host',
      '127.0.0.9',
      '--timeout',
      '500',
    );
    expect(r.code).toBe(2);
  });

  it('the secret comes from TACACS_PLUS_KEY; enable and MS-CHAPv2 with --json', async () => {
    process.env.TACACS_PLUS_KEY = 'testing123';
    try {
      const r = await cli('authenticate', '-u', 'alice', '-P', 'alice-pass', '-t', 'mschapv2', '--json');
      expect(JSON.parse(r.out)).toMatchObject({ status: 'PASS', serverAuthenticated: true });
      expect(
        (await cli('authenticate', '-u', 'alice', '-P', 'alice-enable', '-s', 'enable', '--priv-lvl', '15'))
          .code,
      ).toBe(0);
    } finally {
      delete process.env.TACACS_PLUS_KEY;
    }
  });

  it('authorize and account', async () => {
    expect((await cli('authorize', '-k', 'testing123', '-u', 'bob', '-c', 'show version')).code).toBe(0);
    expect((await cli('authorize', '-k', 'testing123', '-u', 'bob', '-c', 'configure terminal')).code).toBe(
      1,
    );
    const exec = await cli('authorize', '-k', 'testing123', '-u', 'alice');
    expect(exec.out).toContain('AV pairs: priv-lvl=15');
    expect(
      (await cli('account', '-k', 'testing123', '-u', 'alice', '-f', 'stop', '-c', 'show version')).code,
    ).toBe(0);
    expect(ctx.accounting.rows.at(-1)).toMatchObject({
      status: 'stop',
      command: 'show version',
      username: 'alice',
    });
  });

  it('-c values: AV pairs or command lines', () => {
    expect(avArgs(['show ip route'])).toEqual([
      'service=shell',
      'cmd=show',
      'cmd-arg=ip',
      'cmd-arg=route',
      'cmd-arg=<cr>',
    ]);
    expect(avArgs(['service=ppp', 'protocol=ip'])).toEqual(['service=ppp', 'protocol=ip']);
  });
});
