#!/usr/bin/env node
// Builds a second copy of better-sqlite3's native addon for Electron's ABI into
// .electron-native/<electron-version>/better_sqlite3.node. node_modules keeps the Node-ABI build
// that `npm test` and `aaa-lab serve` load; the Electron main passes this one to better-sqlite3's
// `nativeBinding` option. Works in a temp copy so node_modules is never touched.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  copyFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const DEFAULT_HEADERS_URL = 'https://electronjs.org/headers';

/** Electron's version and the NODE_MODULE_VERSION its Node uses, from the installed package. */
export function electronInfo(dir = root) {
  const pkgDir = join(dir, 'node_modules', 'electron');
  const version = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
  const abi = Number(readFileSync(join(pkgDir, 'abi_version'), 'utf8').trim());
  return { version, abi };
}

export function bindingPath(version, dir = root) {
  return join(dir, '.electron-native', version, 'better_sqlite3.node');
}

/**
 * The ABI a non-N-API addon was built for: NODE_MODULE() exports `node_register_module_v<ABI>`,
 * and the symbol name sits in the binary's string table on ELF, Mach-O and PE alike.
 */
export function abiOf(file) {
  const m = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return m ? Number(m[1]) : null;
}

/**
 * npm hands ~/.npmrc settings to child processes as npm_config_*: `nodedir=/usr` would make
 * node-gyp build against the system Node's headers, silently producing a Node-ABI binary.
 */
export function cleanBuildEnv(env) {
  const out = {};
  for (const [k, v] of Object.entries(env)) {
    if (/^npm_config_(nodedir|target|runtime|disturl|dist_url|arch|build_from_source)$/i.test(k)) continue;
    if (k === 'ELECTRON_RUN_AS_NODE') continue;
    out[k] = v;
  }
  return out;
}

function run(cmd, args, cwd, env) {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return {
    ok: r.status === 0,
    output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error ? String(r.error) : ''}`,
  };
}

class NativeBuildError extends Error {}

/**
 * Ensures the Electron-ABI binding exists and returns its path. Tries better-sqlite3's prebuilt
 * Electron binary first (no compiler needed), then node-gyp against Electron's headers.
 */
export function ensureElectronNative(opts = {}) {
  const dir = opts.root ?? root;
  const { version, abi } = electronInfo(dir);
  const target = bindingPath(version, dir);
  if (!opts.force && existsSync(target) && abiOf(target) === abi) return target;

  const log = opts.log ?? ((line) => process.stderr.write(`${line}\n`));
  const headersUrl = opts.headersUrl ?? process.env.AAA_LAB_ELECTRON_HEADERS_URL ?? DEFAULT_HEADERS_URL;
  const devdir = join(dir, '.electron-native', 'headers');
  const env = cleanBuildEnv(opts.env ?? process.env);
  const work = mkdtempSync(join(tmpdir(), 'aaa-lab-electron-native-'));
  try {
    const moduleDir = join(work, 'better-sqlite3');
    const source = dirname(require.resolve('better-sqlite3/package.json'));
    cpSync(source, moduleDir, { recursive: true, filter: (p) => !p.startsWith(join(source, 'build')) });
    const built = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
    const common = [`--runtime=electron`, `--target=${version}`, `--arch=${opts.arch ?? process.arch}`];

    log(`Building better-sqlite3 for Electron ${version} (ABI ${abi})…`);
    let prebuilt = { ok: false, output: '' };
    if (opts.prebuilt !== false) {
      prebuilt = run(
        process.execPath,
        [require.resolve('prebuild-install/bin.js'), ...common, '--verbose'],
        moduleDir,
        env,
      );
    }
    let gyp = { ok: false, output: '' };
    if (!prebuilt.ok || !existsSync(built)) {
      const nodeGyp = env.npm_config_node_gyp ?? require.resolve('node-gyp/bin/node-gyp.js');
      gyp = run(
        process.execPath,
        [
          nodeGyp,
          'rebuild',
          '--release',
          ...common,
          `--dist-url=${headersUrl}`,
          `--devdir=${devdir}`,
          '--jobs=max',
        ],
        moduleDir,
        env,
      );
      if (!gyp.ok) {
        if (process.env.AAA_LAB_NATIVE_DEBUG) log(gyp.output);
        const headers = join(devdir, version, 'include', 'node', 'node_version.h');
        if (!existsSync(headers)) {
          throw new NativeBuildError(
            `Cannot build better-sqlite3 for Electron ${version}: downloading its headers from ${headersUrl} failed (offline?).`,
          );
        }
        throw new NativeBuildError(
          `Cannot build better-sqlite3 for Electron ${version}: node-gyp failed:\n${gyp.output.split('\n').slice(-25).join('\n')}`,
        );
      }
    }
    const got = abiOf(built);
    if (got !== abi) {
      throw new NativeBuildError(
        `better-sqlite3 was built for ABI ${got ?? 'unknown'}, not Electron ${version}'s ${abi} (is npm_config_nodedir set?)`,
      );
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(built, `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    log(`better-sqlite3 for Electron ${version} → ${target}`);
    return target;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export function isNativeBuildError(err) {
  return err instanceof NativeBuildError;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    ensureElectronNative({ force: process.argv.includes('--force') });
  } catch (err) {
    process.stderr.write(`${isNativeBuildError(err) ? err.message : err.stack}\n`);
    process.exit(1);
  }
}
