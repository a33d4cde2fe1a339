import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without types
import { electronNode, nodeMajorOfElectron } from '../../scripts/electron-node.mjs';

// Which runtime `npm test` runs the engine's protocol tests on again: Electron itself where its
// binary is installed, else the official Node of its major.

const root = resolve(import.meta.dirname, '../..');
const fake = join(root, 'test/electron/fake-electron-node.sh');
const features = process.features as { openssl_is_boringssl?: boolean };
const tls = features.openssl_is_boringssl ? 'BoringSSL' : `OpenSSL ${process.versions.openssl}`;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A checkout whose node_modules/electron claims `version`. */
function checkout(version: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-electron-node-'));
  dirs.push(dir);
  mkdirSync(join(dir, 'node_modules/electron'), { recursive: true });
  writeFileSync(join(dir, 'node_modules/electron/package.json'), JSON.stringify({ version }));
  return dir;
}

describe('scripts/electron-node.mjs', () => {
  it('maps Electron majors to their Node majors', () => {
    expect(nodeMajorOfElectron('45.4.1')).toBe(24);
    expect(nodeMajorOfElectron('40.0.0')).toBe(24);
    expect(nodeMajorOfElectron('36.2.0')).toBe(22);
    expect(nodeMajorOfElectron('30.0.0')).toBeUndefined();
  });

  it('runs the tests on the installed Electron binary itself, as Node, and says what it is', () => {
    const target = electronNode(checkout('45.4.1'), {
      ...process.env,
      ELECTRON_EXEC_PATH: fake,
      FAKE_ELECTRON_NODE: process.execPath,
    });
    expect(target).toEqual({
      node: fake,
      env: { ELECTRON_RUN_AS_NODE: '1' },
      electron: '45.4.1',
      runtime: `Electron 45.4.1 itself (Node ${process.versions.node}, ${tls})`,
    });
  });

  it('says why an Electron binary that does not run was passed over', () => {
    const target = electronNode(checkout('30.0.0'), {
      ...process.env,
      ELECTRON_EXEC_PATH: fake,
      FAKE_ELECTRON_NODE: join(tmpdir(), 'no-such-node'),
    });
    expect(target.skip).toMatch(
      /fake-electron-node\.sh did not run as Node \(.*\); no known Node major for Electron 30\.0\.0/,
    );
  });
});
