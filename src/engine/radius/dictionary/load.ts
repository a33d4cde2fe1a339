import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadedLab } from '../../config/loaded-lab';
import { loadDictionaries, type LoadResult } from './parser';

/**
 * Where the bundled dictionaries live: $AAA_LAB_DICTIONARIES, else the nearest `dictionaries/`
 * directory above this module (source tree, built `out/`, or an app's resources).
 */
export function defaultDictionaryDir(): string {
  const env = process.env.AAA_LAB_DICTIONARIES;
  if (env) return resolve(env);
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  const resources = (process as { resourcesPath?: string }).resourcesPath;
  if (resources) starts.unshift(resources);
  for (const start of starts) {
    let dir = start;
    for (let i = 0; i < 8; i++) {
      const candidate = join(dir, 'dictionaries');
      if (existsSync(join(candidate, 'dictionary'))) return candidate;
      const up = dirname(dir);
      if (up === dir) break;
      dir = up;
    }
  }
  return resolve('dictionaries');
}

let bundled: LoadResult | undefined;

/** The bundled dictionaries, parsed once per process. */
export function bundledDictionary(): LoadResult {
  bundled ??= loadDictionaries([defaultDictionaryDir()]);
  return bundled;
}

const perLab = new WeakMap<LoadedLab, LoadResult>();

/**
 * Bundled dictionaries plus the lab file's `radius.dictionaries` (relative to the lab file). Cached per
 * LoadedLab, so a reload re-reads user dictionaries and an unchanged lab costs nothing.
 */
export function labDictionary(lab: LoadedLab): LoadResult {
  const extra = lab.config.radius?.dictionaries ?? [];
  if (extra.length === 0) return bundledDictionary();
  let r = perLab.get(lab);
  if (!r) {
    r = loadDictionaries([defaultDictionaryDir(), ...extra.map((p) => resolve(lab.baseDir, p))]);
    perLab.set(lab, r);
  }
  return r;
}
