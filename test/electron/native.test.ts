import { mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import * as native from '../../scripts/electron-native.mjs';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(join(root, 'package.json'));

describe('Electron-ABI better-sqlite3', () => {
  it("reads an addon's ABI from its exported register symbol", () => {
    const nodeBuild = join(
      dirname(require.resolve('better-sqlite3/package.json')),
      'build/Release/better_sqlite3.node',
    );
    expect(native.abiOf(nodeBuild)).toBe(Number(process.versions.modules));
    expect(native.abiOf(join(root, 'package.json'))).toBeNull();
  });

  it("knows Electron's version and ABI from the installed package", () => {
    const info = native.electronInfo(root);
    expect(info.version).toBe(require('electron/package.json').version);
    expect(info.abi).toBeGreaterThan(Number(process.versions.modules));
    expect(native.bindingPath(info.version, root)).toBe(
      join(root, '.electron-native', info.version, 'better_sqlite3.node'),
    );
  });

  it('keeps ~/.npmrc nodedir (and other target overrides) away from node-gyp', () => {
    const env = native.cleanBuildEnv({
      PATH: '/bin',
      npm_config_nodedir: '/usr',
      NPM_CONFIG_NODEDIR: '/usr',
      npm_config_target: '20.0.0',
      npm_config_runtime: 'node',
      npm_config_disturl: 'https://nodejs.org/dist',
      npm_config_cache: '/c',
      ELECTRON_RUN_AS_NODE: '1',
    });
    expect(env).toEqual({ PATH: '/bin', npm_config_cache: '/c' });
  });

  it('fails with one clear line when the headers cannot be downloaded', async () => {
    // A port that refuses connections stands in for "offline".
    const port = await new Promise<number>((done) => {
      const srv = createServer();
      srv.listen(0, '127.0.0.1', () => {
        const p = (srv.address() as { port: number }).port;
        srv.close(() => done(p));
      });
    });
    const fakeRoot = mkdtempSync(join(tmpdir(), 'aaa-lab-native-'));
    mkdirSync(join(fakeRoot, 'node_modules'));
    symlinkSync(join(root, 'node_modules', 'electron'), join(fakeRoot, 'node_modules', 'electron'));
    const lines: string[] = [];
    let error: unknown;
    try {
      native.ensureElectronNative({
        root: fakeRoot,
        prebuilt: false,
        headersUrl: `http://127.0.0.1:${port}`,
        log: (l: string) => lines.push(l),
      });
    } catch (err) {
      error = err;
    }
    expect(native.isNativeBuildError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).toMatch(
      /^Cannot build better-sqlite3 for Electron [\d.]+: downloading its headers from http:\/\/127\.0\.0\.1:\d+ failed \(offline\?\)\.$/,
    );
    expect(message).not.toContain('\n');
  }, 60_000);
});
