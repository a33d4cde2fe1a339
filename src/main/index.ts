import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, session } from 'electron';
import { LabError } from '../contract/envelope';
import { formatHostPort, parseHostPort } from '../engine/config/host-port';
import type { EngineHttp } from '../engine/http/server';
import { startDesktopListener } from '../serve/desktop-listener';
import { createEngine, type Engine } from '../engine/lab';
import { consoleLogger } from '../engine/log';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { registerIpc } from './ipc';
import { resolveLaunchOptions } from './launch-options';
import { rendererSource } from './origin';
import { CSP, DEV_CSP, hardenSession } from './security';
import { desktopWebConsoleHandlers } from './web-console-login';
import { holdQuitUntilClosed } from './shutdown';
import { createMainWindow } from './window';

// The Electron shell stays thin: resolve paths, start the engine, open one hardened window and
// adapt IPC to the contract. Everything the lab does lives in src/engine.

const log = consoleLogger();
registerAppScheme();

if (!app.requestSingleInstanceLock()) {
  // A second copy would fight the first for the lab's ports and the SQLite file.
  app.quit();
} else {
  void main().catch((err: unknown) => fail('AAA Lab could not start', err));
}

async function main(): Promise<void> {
  await app.whenReady();
  const opts = resolveLaunchOptions({
    argv: process.argv,
    env: process.env,
    cwd: process.cwd(),
    userData: app.getPath('userData'),
    appPath: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    isPackaged: app.isPackaged,
    electronVersion: process.versions.electron,
  });
  if (!opts.nativeBinding) {
    log.warn('no better-sqlite3 build for this Electron found; run `npm start -- --prepare-only`');
  }
  let engine: Engine;
  try {
    engine = await createEngine({ ...opts, log });
  } catch (err) {
    const hint = /NODE_MODULE_VERSION|better_sqlite3|better-sqlite3/.test(String(err))
      ? '\n\nbetter-sqlite3 is not built for this Electron: run `npm start -- --prepare-only` (needs internet once).'
      : '';
    fail('AAA Lab could not open its lab', err, hint);
    return;
  }

  const here = fileURLToPath(new URL('.', import.meta.url));
  const source = rendererSource(process.env.ELECTRON_RENDERER_URL, app.isPackaged);
  hardenSession(session.defaultSession, source.isAppUrl, source.dev ? DEV_CSP : CSP);
  serveRenderer(session.defaultSession, join(here, '../renderer'), CSP);

  const icon = join(app.getAppPath(), 'resources', 'icon.png');
  let win: BrowserWindow | null = null;
  const openWindow = () => {
    win = createMainWindow({
      preloadPath: join(here, '../preload/index.cjs'),
      entryUrl: source.entryUrl,
      isAppUrl: source.isAppUrl,
      ...(existsSync(icon) ? { iconPath: icon } : {}),
    });
    win.on('closed', () => (win = null));
  };
  // The embedded web listener: /metrics for a Prometheus on the laptop, the REST API, admin login.
  const web = startWebListener(engine, join(here, '../renderer'));
  // The desktop host answers webConsole.signIn itself: it has a system browser to open.
  const handlers = { ...engine.handlers, ...desktopWebConsoleHandlers(web, log) };
  const disposeIpc = registerIpc({ handlers, events: engine.events }, () => win, source.isAppUrl, log);
  holdQuitUntilClosed(
    app,
    async () => {
      disposeIpc();
      await (await web)?.close();
      await engine.close();
    },
    log,
  );

  app.on('second-instance', () => {
    if (!win) return openWindow();
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  // The lab's servers belong to the window: closing it quits on every platform, macOS included.
  app.on('window-all-closed', () => app.quit());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => app.quit());

  openWindow();
  // A port that is taken must not kill the app: the status screen shows the error and a retry.
  engine
    .start()
    .catch((err: unknown) =>
      log.error('lab start failed', { error: (err as Error)?.message ?? String(err) }),
    );
}

function fail(title: string, err: unknown, hint = ''): void {
  const message = (err as Error)?.message ?? String(err);
  // A lab file error lists every problem by field path, as `aaa-lab serve` prints them.
  const issues =
    err instanceof LabError && err.issues.length > 1
      ? `\n\n${err.issues.map((i) => `${i.path}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`).join('\n')}`
      : '';
  log.error(title, { error: message });
  dialog.showErrorBox(title, `${message}${issues}${hint}`);
  app.exit(1);
}

async function startWebListener(engine: Engine, rendererDir: string): Promise<EngineHttp | undefined> {
  const listen = parseHostPort(engine.lab.config.web.listen);
  if (typeof listen === 'string') return undefined;
  try {
    const http = await startDesktopListener({ engine, host: listen.host, port: listen.port, rendererDir });
    log.info(
      `web listener on ${http.scheme}://${formatHostPort({ host: http.host, port: http.port })} (console for signed-in browsers, /metrics, /api)`,
    );
    return http;
  } catch (err) {
    log.warn('web listener not started', { error: (err as Error)?.message ?? String(err) });
    return undefined;
  }
}
