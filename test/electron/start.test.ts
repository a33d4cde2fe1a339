import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { buildIsStale, buildOutputs } from '../../scripts/start.mjs';

// `npm start` wiring without the Electron binary: ELECTRON_EXEC_PATH points at a fake that records
// how it was launched, and a missing binary must fall back to the headless lab.

const root = resolve(import.meta.dirname, '../..');
const start = join(root, 'scripts/start.mjs');
const fakeElectron = join(root, 'test/electron/fake-electron.sh');
const electronAbi = Number(readFileSync(join(root, 'node_modules/electron/abi_version'), 'utf8'));
const nodeBuild = join(
  dirname(createRequire(join(root, 'package.json')).resolve('better-sqlite3/package.json')),
  'build/Release/better_sqlite3.node',
);
const children: Array<ReturnType<typeof spawn>> = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'aaa-lab-start-'));
}

/** Stands in for an Electron-ABI build: start.mjs only reads the ABI from the register symbol. */
function electronAbiBinding(dir: string): string {
  const path = join(dir, 'better_sqlite3.node');
  writeFileSync(path, `\0\0node_register_module_v${electronAbi}\0`);
  return path;
}

function env(extra: Record<string, string>): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, AAA_LAB_SKIP_BUILD: '1' };
  delete e.AAA_LAB_NATIVE_BINDING;
  delete e.ELECTRON_EXEC_PATH;
  return { ...e, ...extra };
}

describe('scripts/start.mjs', () => {
  it('launches Electron (ELECTRON_EXEC_PATH) on the app dir with the args and the Electron-ABI binding', () => {
    const dir = tmp();
    const record = join(dir, 'record.txt');
    const binding = electronAbiBinding(dir);
    const r = spawnSync(process.execPath, [start, '--config', 'my-lab.yaml'], {
      env: env({
        ELECTRON_EXEC_PATH: fakeElectron,
        FAKE_ELECTRON_RECORD: record,
        AAA_LAB_NATIVE_BINDING: binding,
        ELECTRON_RUN_AS_NODE: '1',
      }),
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(record, 'utf8').trim().split('\n');
    expect(lines).toEqual([
      `arg=${root}`,
      'arg=--config',
      'arg=my-lab.yaml',
      `env.AAA_LAB_NATIVE_BINDING=${binding}`,
      'env.ELECTRON_RUN_AS_NODE=',
      `cwd=${process.cwd()}`,
    ]);
    // package.json's main is what Electron runs from the app dir.
    expect(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).main).toBe('./out/main/index.js');
  });

  it("exits with Electron's status", () => {
    const dir = tmp();
    const r = spawnSync(process.execPath, [start], {
      env: env({
        ELECTRON_EXEC_PATH: fakeElectron,
        FAKE_ELECTRON_RECORD: join(dir, 'r.txt'),
        FAKE_ELECTRON_EXIT: '3',
        AAA_LAB_NATIVE_BINDING: electronAbiBinding(dir),
      }),
    });
    expect(r.status).toBe(3);
  });

  it('refuses a Node-ABI better-sqlite3 as the Electron binding', () => {
    const r = spawnSync(process.execPath, [start, '--prepare-only'], {
      env: env({ AAA_LAB_NATIVE_BINDING: nodeBuild }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not a better-sqlite3 build for Electron [\d.]+ \(ABI \d+\)/);
  });

  it('falls back to the headless lab, in one line, when there is no Electron binary', async () => {
    const dir = tmp();
    const lab = join(dir, 'lab.yaml');
    writeFileSync(
      lab,
      [
        'tacacs: { listen: ["127.0.0.1:0"] }',
        'radius: { auth: ["127.0.0.1:0"], acct: ["127.0.0.1:0"] }',
        'coa: { listen: ["127.0.0.1:0"] }',
        'web: { listen: "127.0.0.1:0" }',
        'devices: [{ name: here, match: 127.0.0.1/32, tacacsSecret: s3cret, radiusSecret: s3cret }]',
      ].join('\n'),
    );
    const child = spawn(
      process.execPath,
      [start, '--config', lab, '--data-dir', join(dir, 'data'), '--web-port', '0'],
      {
        env: env({ ELECTRON_EXEC_PATH: join(dir, 'no-such-electron') }),
      },
    );
    children.push(child);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b));
    child.stderr.on('data', (b: Buffer) => (stderr += b));
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', () => {
        const m = /aaa-lab ready url=(\S+)/.exec(stdout);
        if (m) done(m[1]!);
      });
      child.on('exit', (code) => fail(new Error(`exited ${code}: ${stdout}${stderr}`)));
    });
    expect(stderr.split('\n')[0]).toBe(
      'Electron binary not available (offline?): starting the headless lab instead — open the URL below in a browser',
    );
    const health = await fetch(new URL('/api/health', url));
    expect(health.status).toBe(200);
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);

  it('knows when the build is missing or older than its sources', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), '');
    writeFileSync(join(dir, 'electron.vite.config.ts'), '');
    writeFileSync(join(dir, 'package.json'), '{}');
    expect(buildIsStale(dir)).toBe(true);
    for (const out of buildOutputs as string[]) {
      mkdirSync(dirname(join(dir, out)), { recursive: true });
      writeFileSync(join(dir, out), '');
    }
    const past = new Date(Date.now() - 60_000);
    for (const p of ['src/a.ts', 'src', 'electron.vite.config.ts', 'package.json'])
      utimesSync(join(dir, p), past, past);
    expect(buildIsStale(dir)).toBe(false);
    writeFileSync(join(dir, 'src', 'a.ts'), 'changed');
    expect(buildIsStale(dir)).toBe(true);
  });
});
