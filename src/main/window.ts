import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';
import { hardenContents, type UrlGuard } from './security';
import { promptBeforeUnload } from './unload-prompt';

export interface WindowOptions {
  /** Absolute path of the built preload (out/preload/index.cjs). */
  preloadPath: string;
  /** What to load: app://lab/index.html, or the electron-vite dev server URL. */
  entryUrl: string;
  isAppUrl: UrlGuard;
  iconPath?: string;
}

/** The renderer is untrusted content: sandboxed, isolated, no Node, web security on. */
export function windowOptions(opts: WindowOptions): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'AAA Lab',
    show: false,
    backgroundColor: '#111418',
    ...(opts.iconPath ? { icon: opts.iconPath } : {}),
    webPreferences: {
      preload: opts.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow(windowOptions(opts));
  hardenContents(win.webContents, opts.isAppUrl);
  promptBeforeUnload(win);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.entryUrl);
  return win;
}
