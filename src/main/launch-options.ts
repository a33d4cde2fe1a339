import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface LaunchInputs {
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** app.getPath('userData'). */
  userData: string;
  /** app.getAppPath(): the repo root in development, …/resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath: where electron-builder puts extraResources. */
  resourcesPath: string;
  isPackaged: boolean;
  /** process.versions.electron: the Electron-ABI better-sqlite3 binding is kept per version. */
  electronVersion: string;
  exists?: (path: string) => boolean;
}

export interface LaunchOptions {
  /** The lab file to load; undefined means the engine's default lab. */
  configPath?: string;
  defaultConfigPath: string;
  dataDir: string;
  /** better_sqlite3.node built for Electron's ABI, when we have one. */
  nativeBinding?: string;
}

/** `--name value` or `--name=value`, anywhere in argv (Chromium ignores switches it does not know). */
export function argValue(argv: readonly string[], name: string): string | undefined {
  const flag = `--${name}`;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === flag) return argv[i + 1];
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
  }
  return undefined;
}

/** Where the per-Electron-version binding lives: .electron-native/<v>/ in a checkout, resources/native/<v>/ packaged. */
export function nativeBindingPath(
  inputs: Pick<LaunchInputs, 'appPath' | 'resourcesPath' | 'isPackaged' | 'electronVersion'>,
): string {
  const base = inputs.isPackaged
    ? join(inputs.resourcesPath, 'native')
    : join(inputs.appPath, '.electron-native');
  return join(base, inputs.electronVersion, 'better_sqlite3.node');
}

/**
 * Config: --config or AAA_LAB_CONFIG; otherwise the lab saved in the data dir by an earlier
 * config.apply; otherwise the default lab. Data dir: --data-dir or AAA_LAB_DATA_DIR, else userData.
 * Native binding: AAA_LAB_NATIVE_BINDING, else the per-Electron-version build, when it exists.
 */
export function resolveLaunchOptions(inputs: LaunchInputs): LaunchOptions {
  const exists = inputs.exists ?? existsSync;
  const fromUser = (p: string | undefined) => (p ? resolve(inputs.cwd, p) : undefined);
  const dataDir =
    fromUser(argValue(inputs.argv, 'data-dir') ?? inputs.env.AAA_LAB_DATA_DIR) ?? inputs.userData;
  const saved = join(dataDir, 'lab.yaml');
  const configPath =
    fromUser(argValue(inputs.argv, 'config') ?? inputs.env.AAA_LAB_CONFIG) ??
    (exists(saved) ? saved : undefined);
  const defaultConfigPath = inputs.isPackaged
    ? join(inputs.resourcesPath, 'lab.default.yaml')
    : join(inputs.appPath, 'resources', 'lab.default.yaml');
  // scripts/start.mjs passes the binding it built or checked; a packaged app finds its own.
  const binding = fromUser(inputs.env.AAA_LAB_NATIVE_BINDING) ?? nativeBindingPath(inputs);
  return { configPath, defaultConfigPath, dataDir, ...(exists(binding) ? { nativeBinding: binding } : {}) };
}
