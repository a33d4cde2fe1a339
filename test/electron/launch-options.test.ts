import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import {
  argValue,
  nativeBindingPath,
  resolveLaunchOptions,
  type LaunchInputs,
} from '../../src/main/launch-options';
import { holdQuitUntilClosed, type QuitEvent } from '../../src/main/shutdown';

const base: LaunchInputs = {
  argv: ['/usr/bin/electron', '/repo'],
  env: {},
  cwd: '/home/me',
  userData: '/home/me/.config/aaa-lab',
  appPath: '/repo',
  resourcesPath: '/opt/AAA Lab/resources',
  isPackaged: false,
  electronVersion: '45.4.1',
  exists: () => false,
};

describe('launch options', () => {
  it('reads --name value and --name=value', () => {
    expect(argValue(['x', '--config', 'a.yaml'], 'config')).toBe('a.yaml');
    expect(argValue(['x', '--config=b.yaml'], 'config')).toBe('b.yaml');
    expect(argValue(['x', '--configs=c'], 'config')).toBeUndefined();
  });

  it('defaults to userData and the default lab', () => {
    expect(resolveLaunchOptions(base)).toEqual({
      configPath: undefined,
      defaultConfigPath: '/repo/resources/lab.default.yaml',
      dataDir: '/home/me/.config/aaa-lab',
    });
  });

  it('prefers argv over env, resolving relative paths against the cwd', () => {
    const env = { AAA_LAB_CONFIG: '/etc/lab.yaml', AAA_LAB_DATA_DIR: '/var/lab' };
    expect(resolveLaunchOptions({ ...base, env })).toMatchObject({
      configPath: '/etc/lab.yaml',
      dataDir: '/var/lab',
    });
    const argv = [...base.argv, '--config', 'my.yaml', '--data-dir=data'];
    expect(resolveLaunchOptions({ ...base, env, argv })).toMatchObject({
      configPath: '/home/me/my.yaml',
      dataDir: '/home/me/data',
    });
  });

  it('reopens the lab saved in the data dir when no config is named', () => {
    const saved = '/home/me/.config/aaa-lab/lab.yaml';
    expect(resolveLaunchOptions({ ...base, exists: (p) => p === saved }).configPath).toBe(saved);
  });

  it('finds the Electron-ABI binding per Electron version, checkout or packaged', () => {
    expect(nativeBindingPath(base)).toBe('/repo/.electron-native/45.4.1/better_sqlite3.node');
    const packaged = { ...base, isPackaged: true, appPath: '/opt/AAA Lab/resources/app.asar' };
    expect(nativeBindingPath(packaged)).toBe(
      join('/opt/AAA Lab/resources', 'native', '45.4.1', 'better_sqlite3.node'),
    );
    expect(resolveLaunchOptions({ ...packaged, exists: () => true })).toMatchObject({
      defaultConfigPath: '/opt/AAA Lab/resources/lab.default.yaml',
      nativeBinding: '/opt/AAA Lab/resources/native/45.4.1/better_sqlite3.node',
    });
    const env = { AAA_LAB_NATIVE_BINDING: '/tmp/b.node' };
    expect(resolveLaunchOptions({ ...base, env, exists: (p) => p === '/tmp/b.node' }).nativeBinding).toBe(
      '/tmp/b.node',
    );
  });
});

describe('shutdown', () => {
  function fakeApp() {
    const listeners: Array<(e: QuitEvent) => void> = [];
    const app = {
      on: (_: 'before-quit', l: (e: QuitEvent) => void) => listeners.push(l),
      quit: vi.fn(() => {
        const e = { preventDefault: vi.fn() };
        for (const l of listeners) l(e);
        if (!e.preventDefault.mock.calls.length) app.exited = true;
      }),
      exit: vi.fn(),
      exited: false,
    };
    return app;
  }
  const log = { error: vi.fn() };

  it('holds the quit until the engine has closed, then quits once', async () => {
    const app = fakeApp();
    let release!: () => void;
    const close = vi.fn(() => new Promise<void>((r) => (release = r)));
    holdQuitUntilClosed(app, close, log);
    app.quit();
    app.quit();
    expect(close).toHaveBeenCalledTimes(1);
    expect(app.exited).toBe(false);
    release();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(app.exit).not.toHaveBeenCalled();
  });

  it('quits even when closing fails, and exits if it hangs', async () => {
    const app = fakeApp();
    holdQuitUntilClosed(app, () => Promise.reject(new Error('x')), log);
    app.quit();
    await vi.waitFor(() => expect(app.exited).toBe(true));
    expect(log.error).toHaveBeenCalled();

    vi.useFakeTimers();
    const stuck = fakeApp();
    holdQuitUntilClosed(stuck, () => new Promise<void>(() => {}), log, 50);
    stuck.quit();
    vi.advanceTimersByTime(60);
    expect(stuck.exit).toHaveBeenCalledWith(1);
    vi.useRealTimers();
  });
});
