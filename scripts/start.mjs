#!/usr/bin/env node
// `npm start`: the desktop app when Electron's binary is available, else the headless lab.
//   npm start [-- --config FILE --data-dir DIR]   launch (args go to the app)
//   npm start -- --prepare-only                  build better-sqlite3 for Electron, then exit
// ELECTRON_EXEC_PATH picks the Electron binary (as electron-vite does); AAA_LAB_NATIVE_BINDING
// names an Electron-ABI better_sqlite3.node built elsewhere.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { abiOf, electronInfo, ensureElectronNative, isNativeBuildError } from './electron-native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const say = (line) => process.stderr.write(`${line}\n`);

export const buildOutputs = [
  'out/main/index.js',
  'out/main/cli.js',
  'out/preload/index.cjs',
  'out/renderer/index.html',
];
const buildInputs = ['src', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return 0;
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The build is stale when an output is missing or any source is newer than the oldest output. */
export function buildIsStale(dir = root) {
  const outs = buildOutputs.map((p) => statSync(join(dir, p), { throwIfNoEntry: false }));
  if (outs.some((s) => !s)) return true;
  const oldestOut = Math.min(...outs.map((s) => s.mtimeMs));
  return buildInputs.some((p) => newestMtime(join(dir, p)) > oldestOut);
}

/**
 * The Electron executable, without triggering a download: require('electron') would try one.
 * ELECTRON_EXEC_PATH wins, as in electron-vite.
 */
export function electronExecutable(env = process.env, dir = root) {
  if (env.ELECTRON_EXEC_PATH) return existsSync(env.ELECTRON_EXEC_PATH) ? env.ELECTRON_EXEC_PATH : null;
  const pkg = join(dir, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const exe = env.ELECTRON_OVERRIDE_DIST_PATH
    ? join(env.ELECTRON_OVERRIDE_DIST_PATH, readFileSync(pathFile, 'utf8'))
    : join(pkg, 'dist', readFileSync(pathFile, 'utf8'));
  return existsSync(exe) ? exe : null;
}

function tryInstallElectron() {
  // Electron 45 downloads its binary lazily; electron-vite does not trigger that, so do it here.
  // Its failure output is a stack trace: the fallback line below says what matters.
  say('Electron binary missing: running install-electron once…');
  spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'ignore'],
    timeout: 10 * 60_000,
  });
}

/** Runs a child with our stdio, forwards Ctrl-C/SIGTERM, and exits with its status. */
function handOver(cmd, args, env) {
  const child = spawn(cmd, args, { cwd: process.cwd(), env, stdio: 'inherit' });
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  child.on('error', (err) => {
    say(`could not start ${cmd}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function startHeadless(args, reason) {
  say(reason);
  handOver(process.execPath, [join(root, 'bin', 'aaa-lab.mjs'), 'serve', ...args], process.env);
}

function electronBuild() {
  say('Building the app (electron-vite build)…');
  const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [cli, 'build'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say('electron-vite build failed');
    process.exit(r.status ?? 1);
  }
}

/** An explicit binding must match Electron's ABI, or the app would fail opening its store. */
function explicitBinding(env) {
  const path = env.AAA_LAB_NATIVE_BINDING;
  if (!path) return null;
  const { version, abi } = electronInfo(root);
  if (!existsSync(path) || abiOf(path) !== abi) {
    throw new Error(
      `AAA_LAB_NATIVE_BINDING=${path} is not a better-sqlite3 build for Electron ${version} (ABI ${abi})`,
    );
  }
  return resolve(path);
}

export function main(argv = process.argv.slice(2), env = process.env) {
  const prepareOnly = argv.includes('--prepare-only');
  const args = argv.filter((a) => a !== '--prepare-only');
  if (prepareOnly) {
    try {
      if (!explicitBinding(env)) ensureElectronNative();
    } catch (err) {
      say(isNativeBuildError(err) ? err.message : String(err.message ?? err));
      process.exit(1);
    }
    return;
  }
  if (env.AAA_LAB_SKIP_BUILD !== '1' && buildIsStale()) electronBuild();

  let exe = electronExecutable(env);
  if (!exe && !env.ELECTRON_EXEC_PATH && env.AAA_LAB_NO_ELECTRON_INSTALL !== '1') {
    tryInstallElectron();
    exe = electronExecutable(env);
  }
  if (!exe) {
    startHeadless(
      args,
      'Electron binary not available (offline?): starting the headless lab instead — open the URL below in a browser',
    );
    return;
  }
  let binding;
  try {
    binding = explicitBinding(env) ?? ensureElectronNative();
  } catch (err) {
    const why = isNativeBuildError(err) ? err.message : String(err.message ?? err);
    startHeadless(args, `${why} Starting the headless lab instead — open the URL below in a browser`);
    return;
  }
  const childEnv = { ...env, AAA_LAB_NATIVE_BINDING: binding };
  // Set by some shells and test runners; it would make Electron behave as plain Node.
  delete childEnv.ELECTRON_RUN_AS_NODE;
  handOver(exe, [root, ...args], childEnv);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
