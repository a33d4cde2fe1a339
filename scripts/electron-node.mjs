#!/usr/bin/env node
// The runtime for `npm test`'s "engine on Electron's Node" step. The desktop app runs the engine on
// Electron's Node (Electron 40 and later: Node 24, built on BoringSSL rather than OpenSSL) while
// `npm test` runs on the machine's Node (20 on CI), and both Node's TLS and stream internals and the
// TLS library under them differ: Node 24 runs a TLS server's session step on a later turn, which
// broke every EAP tunnel while every test here passed.
// - Where the Electron binary is installed (a developer's machine after `npm start`), Electron
//   itself, as Node (ELECTRON_RUN_AS_NODE=1): the app's very runtime, BoringSSL included.
// - Elsewhere (CI, offline machines: no Electron binary can be fetched), the official Node of the
//   same major from the registry's node-<platform>-<arch> packages: the same Node internals, on
//   OpenSSL. Cached under node_modules/.cache/aaa-lab/, so only the first run downloads (~30 MB).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronExecutable } from './start.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Electron's major -> its Node's major, from Electron's release notes (40.0.0: "Node 24.11.1"). */
export function nodeMajorOfElectron(electronVersion) {
  const major = Number(String(electronVersion).split('.')[0]);
  if (major >= 40) return 24;
  if (major >= 35) return 22;
  return undefined;
}

/**
 * What to run the engine's tests on: `{ node, env, runtime }` (the executable, the environment it
 * needs, and what it is, for the step's title), or `{ skip: reason }` when there is nothing to be had
 * (unknown Electron, no binary and no such package, offline). `fallback` says why an installed
 * Electron binary could not be used.
 */
export function electronNode(dir = root, env = process.env) {
  const electron = JSON.parse(readFileSync(join(dir, 'node_modules/electron/package.json'), 'utf8')).version;
  const exe = electronExecutable(env, dir);
  let fallback;
  if (exe) {
    const asNode = { ELECTRON_RUN_AS_NODE: '1' };
    const r = probe(exe, { ...env, ...asNode });
    if (r.ok) return { node: exe, env: asNode, electron, runtime: `Electron ${electron} itself (${r.ok})` };
    fallback = `${exe} did not run as Node (${r.why})`;
  }
  const bin = officialNode(dir, electron);
  if (bin.skip) return { skip: fallback ? `${fallback}; ${bin.skip}` : bin.skip };
  const r = probe(bin.node, env);
  if (!r.ok) return { skip: `${bin.node} did not run (${r.why})` };
  return {
    node: bin.node,
    env: {},
    electron,
    runtime: `Electron ${electron}'s Node major (${r.ok}, the official build)`,
    fallback,
  };
}

/** Runs `exe` as Node to say what it is: "Node <version>, <TLS library>". */
function probe(exe, env) {
  const code =
    "`Node ${process.versions.node}, ${process.features.openssl_is_boringssl ? 'BoringSSL' : 'OpenSSL ' + process.versions.openssl}`";
  const r = spawnSync(exe, ['-p', code], { env, encoding: 'utf8', timeout: 60_000 });
  if (r.status === 0 && r.stdout.trim()) return { ok: r.stdout.trim() };
  return { why: (r.stderr || String(r.error ?? `exit ${r.status}`)).trim().split('\n')[0] };
}

/** The official Node build of Electron's Node major (`{ node }`), downloaded on first use. */
function officialNode(dir, electron) {
  const major = nodeMajorOfElectron(electron);
  if (!major) return { skip: `no known Node major for Electron ${electron}` };
  if (Number(process.versions.node.split('.')[0]) === major) return { node: process.execPath };
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const cache = join(dir, 'node_modules/.cache/aaa-lab', `${pkg}-${major}`);
  const bin = join(cache, 'package', process.platform === 'win32' ? 'node.exe' : 'bin/node');
  if (!existsSync(bin)) {
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    const pack = spawnSync('npm', ['pack', `${pkg}@${major}`, '--pack-destination', cache, '--silent'], {
      encoding: 'utf8',
      shell: process.platform === 'win32',
    });
    const tgz = readdirSync(cache).find((f) => f.endsWith('.tgz'));
    if (pack.status !== 0 || !tgz)
      return {
        skip: `could not fetch ${pkg}@${major} from the npm registry: ${(pack.stderr || '').trim().split('\n')[0]}`,
      };
    const untar = spawnSync('tar', ['-xzf', tgz], { cwd: cache, encoding: 'utf8' });
    rmSync(join(cache, tgz), { force: true });
    if (untar.status !== 0 || !existsSync(bin)) return { skip: `could not unpack ${tgz}: ${untar.stderr}` };
  }
  return { node: bin };
}
