import { spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { procedureNames } from '../../src/contract/procedures';

// The built preload, not its source: it must load in a sandboxed renderer, where `require` can
// only produce 'electron' and there is no Node. Run it in a bare VM context to prove that.

const root = resolve(import.meta.dirname, '../..');
const bundle = join(root, 'out/preload/index.cjs');
const sources = ['src/preload/index.ts', 'src/preload/channels.ts', 'src/contract/bridge.ts'];

beforeAll(() => {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (sources.some((s) => statSync(join(root, s)).mtimeMs > built)) {
    const r = spawnSync(
      process.execPath,
      [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    );
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stdout}${r.stderr}`);
  }
}, 180_000);

describe('out/preload/index.cjs', () => {
  it('is small and requires nothing but electron (no zod, no node built-ins)', () => {
    const code = readFileSync(bundle, 'utf8');
    expect(code.length).toBeLessThan(16 * 1024);
    const required = [...code.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(code).not.toMatch(/\bzod\b/);
  });

  it('runs with only require("electron") available and exposes named functions only', () => {
    const exposed = new Map<string, Record<string, unknown>>();
    const invoked: string[] = [];
    const electron = {
      contextBridge: {
        exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api),
      },
      ipcRenderer: {
        on: () => {},
        invoke: (channel: string) => {
          invoked.push(channel);
          return Promise.resolve({ ok: true, value: null });
        },
      },
    };
    const requireElectronOnly = (name: string) => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(
      readFileSync(bundle, 'utf8'),
      { require: requireElectronOnly, module, exports: module.exports, console },
      {
        filename: bundle,
      },
    );
    expect([...exposed.keys()]).toEqual(['aaaLab']);
    const api = exposed.get('aaaLab')!;
    const paths: string[] = [];
    for (const [domain, value] of Object.entries(api)) {
      if (typeof value === 'function') paths.push(domain);
      else
        for (const [verb, fn] of Object.entries(value as object))
          if (typeof fn === 'function') paths.push(`${domain}.${verb}`);
    }
    expect(paths.sort()).toEqual([...procedureNames, 'on'].sort());
    void (api.lab as Record<string, () => Promise<unknown>>).status!();
    expect(invoked).toEqual(['aaa-lab:lab.status']);
  });
});
