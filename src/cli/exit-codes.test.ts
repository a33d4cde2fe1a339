import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoaResponder } from '../engine/radius/coa/coa-responder';
import { RadiusServer } from '../engine/radius/server/radius-server';
import { TacacsServer } from '../engine/tacacs/server/server';
import { portOf, testContext } from '../../test/peers/radius-lab';
import { testContext as tacacsContext } from '../../test/support/tacacs-lab';
import { runCli } from './program';

/** The whole `aaa-lab` program as a user runs it: its exit code and what it printed. */
async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  let code = 0;
  await runCli(['node', 'aaa-lab', ...args], {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    exit: (c) => (code = c),
    password: () => Promise.resolve(undefined),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const ctx = testContext();
const radius = new RadiusServer(ctx);
const coa = new CoaResponder(ctx);
const tacacs = new TacacsServer(tacacsContext());
const p = { auth: '', coa: '', tacacs: '', silent: '' };
// A TACACS+ server that accepts and never answers, on loopback: the timeout case sends nothing off the machine.
const held: Socket[] = [];
const silent = createServer((s) => held.push(s));
const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-cli-'));
const dictFile = join(dir, 'dictionary.lab');
writeFileSync(dictFile, 'ATTRIBUTE\tLab-Test-Attribute\t200\tstring\n');
beforeAll(async () => {
  p.auth = String(portOf(await radius.start(), 'radius-auth'));
  p.coa = String(portOf(await coa.start(), 'coa'));
  p.tacacs = String((await tacacs.start()).find((l) => l.service === 'tacacs')!.port);
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
  p.silent = String((silent.address() as { port: number }).port);
});
afterAll(() => {
  for (const s of held) s.destroy();
  silent.close();
  return Promise.all([radius.stop(), coa.stop(), tacacs.stop()]);
});

const R = () => ['radius', 'auth', '-p', p.auth, '-s', 'testing123', '-u', 'alice'];
const T = () => ['tacacs', 'authenticate', '-p', p.tacacs, '-k', 'testing123', '-u', 'alice'];

describe('aaa-lab exit codes (0 pass, 1 fail, 2 error or usage)', () => {
  const table: [string, () => string[], number][] = [
    ['help', () => ['--help'], 0],
    ['unknown command', () => ['frobnicate'], 2],
    ['unknown option', () => [...R(), '-P', 'alice-pass', '--bogus'], 2],
    ['bad choice', () => [...R(), '-P', 'alice-pass', '--type', 'eap-md5'], 2],
    ['missing required option (tacacs -u)', () => ['tacacs', 'authenticate', '-k', 'x'], 2],
    ['missing secret', () => ['radius', 'auth', '-p', p.auth, '-u', 'alice', '-P', 'x'], 2],
    ['no password, no terminal', () => R(), 2],
    ['bad timeout', () => [...R(), '-P', 'alice-pass', '-t', 'soon'], 2],
    ['radius accept', () => [...R(), '-P', 'alice-pass'], 0],
    ['radius reject', () => [...R(), '-P', 'nope'], 1],
    ['radius -v', () => [...R(), '-P', 'alice-pass', '-v'], 0],
    [
      'radius -d extra dictionary',
      () => [...R(), '-P', 'alice-pass', '-d', dictFile, '-a', 'Lab-Test-Attribute=x'],
      0,
    ],
    [
      'radius unknown attribute without -d',
      () => [...R(), '-P', 'alice-pass', '-a', 'Lab-Test-Attribute=x'],
      2,
    ],
    ['radius timeout (seconds)', () => ['radius', 'status', '-p', '9', '-s', 'x', '-t', '0.2', '-r', '0'], 2],
    ['tacacs pass', () => [...T(), '-P', 'alice-pass', '-t', 'pap'], 0],
    ['tacacs fail', () => [...T(), '-P', 'nope', '-t', 'pap'], 1],
    ['tacacs single-connect -v', () => [...T(), '-P', 'alice-pass', '--single-connect', '-v'], 0],
    ['tacacs bad choice', () => [...T(), '-P', 'x', '-t', 'kerberos'], 2],
    [
      'tacacs timeout (seconds)',
      () => [
        'tacacs',
        'authenticate',
        '-p',
        p.silent,
        '-k',
        'x',
        '-u',
        'alice',
        '-P',
        'x',
        '--timeout',
        '0.2',
      ],
      2,
    ],
    [
      'coa preset with audit session id and framed IP',
      () => [
        'radius',
        'coa',
        '-p',
        p.coa,
        '-s',
        'testing123',
        '--preset',
        'cisco-iosxe-port-bounce',
        '--audit-session-id',
        '0A0B0C0D',
        '--framed-ip',
        '10.1.2.3',
      ],
      0,
    ],
  ];
  it.each(table)('%s → exit %d', async (_name, args, code) => {
    const r = await cli(args());
    expect({ code: r.code, err: r.code === code ? '' : r.err }).toEqual({ code, err: '' });
  });

  it('the CoA preset put the command-line session identifiers in the request', async () => {
    await cli([
      'radius',
      'coa',
      '-p',
      p.coa,
      '-s',
      'testing123',
      '--audit-session-id',
      'AB12',
      '--framed-ip',
      '10.9.8.7',
      '-v',
    ]);
    const last = ctx.traces.filter((t) => t.direction === 'in').at(-1)!;
    const text = JSON.stringify(last.dissection);
    expect(text).toContain('audit-session-id=AB12');
    expect(text).toContain('10.9.8.7');
  });

  it('-v prints the packets sent and received, decoded', async () => {
    const r = await cli([...R(), '-P', 'alice-pass', '-v']);
    expect(r.out).toMatch(/Sent Access-Request Id \d+ length \d+/);
    expect(r.out).toMatch(/Received Access-Accept Id \d+ length/);
    expect(r.out).not.toContain('alice-pass');
    const t = await cli([...T(), '-P', 'alice-pass', '-v']);
    expect(t.out).toMatch(/→ .*START/);
  });
});

describe('aaa-lab certs init', () => {
  it('makes a lab PKI (exit 0) and refuses a bad --days as a usage error (exit 2)', async () => {
    const pki = join(dir, 'pki');
    const ok = await cli(['certs', 'init', '--dir', pki, '--name', 'lab.example', '--ip', '127.0.0.1']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain(`ca_cert="${join(pki, 'ca.pem')}"`);
    expect((await cli(['certs', 'init', '--dir', pki])).code).toBe(1);
    expect((await cli(['certs', 'init', '--dir', pki, '--days', 'forever'])).code).toBe(2);
  }, 30_000);
});
