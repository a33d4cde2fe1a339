import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The installed package's root (where package.json says "aaa-lab"), found from this module's file. */
export function appRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'aaa-lab') return dir;
      } catch {
        // keep walking
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the aaa-lab package root above ${from}`);
    dir = up;
  }
}

export const defaultConfigPath = (root = appRoot()) => join(root, 'resources', 'lab.default.yaml');
export const rendererDir = (root = appRoot()) => join(root, 'out', 'renderer');
