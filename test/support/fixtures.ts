import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whichever test file asks. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** ../shared/fixtures beside the repository (the conformance lab files and the test CA). */
export const sharedFixtures = resolve(repoRoot, '../shared/fixtures');

export function fixturePath(name: string): string {
  const p = join(sharedFixtures, name);
  if (!existsSync(p)) {
    throw new Error(
      `shared fixture ${p} is missing: clone the project with ../shared beside it (see README, Development)`,
    );
  }
  return p;
}

/** A temp dir holding a copy of a fixture lab file and its tls/ folder, for tests that edit them. */
export function copyFixtureLab(name = 'lab.yaml'): { dir: string; config: string } {
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-test-'));
  cpSync(fixturePath(name), join(dir, name));
  cpSync(fixturePath('tls'), join(dir, 'tls'), { recursive: true });
  return { dir, config: join(dir, name) };
}
