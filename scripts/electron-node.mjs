#!/usr/bin/env node
// A Node of the major Electron's runtime uses, for `npm test`'s "engine on Electron's Node" step.
// The desktop app runs the engine on Electron's Node (Electron 40 and later: Node 24) while `npm
// test` runs on the machine's Node (20 on CI), and Node's TLS and stream internals change between
// majors: Node 24 runs a TLS server's session step on a later turn, which broke every EAP tunnel
// while every test here passed. No Electron binary can be fetched here, but Node itself can: the
// registry's node-<platform>-<arch> packages hold the official builds. Cached under
// node_modules/.cache/aaa-lab/, so only the first run downloads (~30 MB).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Electron's major -> its Node's major, from Electron's release notes (40.0.0: "Node 24.11.1"). */
export function nodeMajorOfElectron(electronVersion) {
  const major = Number(String(electronVersion).split('.')[0]);
  if (major >= 40) return 24;
  if (major >= 35) return 22;
  return undefined;
}

/**
 * The path of a `node` binary of Electron's Node major, downloading it on first use, or
 * `{ skip: reason }` when there is none to be had (unknown Electron, no such package, offline).
 */
export function electronNode(dir = root) {
  const electron = JSON.parse(readFileSync(join(dir, 'node_modules/electron/package.json'), 'utf8')).version;
  const major = nodeMajorOfElectron(electron);
  if (!major) return { skip: `no known Node major for Electron ${electron}` };
  if (Number(process.versions.node.split('.')[0]) === major)
    return { node: process.execPath, major, electron };
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
  return { node: bin, major, electron };
}
