import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';

vi.mock('electron', () => import('./fake-electron'));

const fake = await import('./fake-electron');
const { createMainWindow, windowOptions } = await import('../../src/main/window');
const { CSP, DEV_CSP, hardenSession } = await import('../../src/main/security');
const { rendererSource } = await import('../../src/main/origin');

const source = rendererSource(undefined, true);

function open() {
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    entryUrl: source.entryUrl,
    isAppUrl: source.isAppUrl,
  });
  return fake.BrowserWindow.instances.at(-1)!;
}

function navEvent(url: string) {
  return { url, preventDefault: vi.fn() };
}

beforeEach(() => fake.resetFakes());

describe('main window', () => {
  it('is sandboxed, context-isolated and has no Node integration', () => {
    const prefs = windowOptions({
      preloadPath: '/p.cjs',
      entryUrl: 'app://lab/index.html',
      isAppUrl: () => true,
    }).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('is created with those options and loads the app:// entry', () => {
    const win = open();
    expect((win.options.webPreferences as Record<string, unknown>).sandbox).toBe(true);
    expect(win.loadedUrl).toBe('app://lab/index.html');
  });

  it('refuses navigation, frame navigation and redirects away from the app', () => {
    const { webContents } = open();
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = navEvent('https://evil.example/');
      webContents.emit(name, away);
      expect(away.preventDefault, name).toHaveBeenCalled();
      const file = navEvent('file:///etc/passwd');
      webContents.emit(name, file);
      expect(file.preventDefault, name).toHaveBeenCalled();
      const inside = navEvent('app://lab/index.html#/trace');
      webContents.emit(name, inside);
      expect(inside.preventDefault, name).not.toHaveBeenCalled();
    }
    expect(fake.shell.opened).toEqual([]);
  });

  it('denies every new window, opening only http(s) links in the system browser', () => {
    const { webContents } = open();
    const handler = webContents.windowOpenHandler!;
    expect(handler({ url: 'https://www.rfc-editor.org/rfc/rfc8907' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'app://lab/index.html' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'smb://host/share' })).toEqual({ action: 'deny' });
    expect(fake.shell.opened).toEqual(['https://www.rfc-editor.org/rfc/rfc8907']);
  });

  it('refuses to attach a <webview>', () => {
    const { webContents } = open();
    const ev = { preventDefault: vi.fn() };
    webContents.emit('will-attach-webview', ev, {}, {});
    expect(ev.preventDefault).toHaveBeenCalled();
  });
});

describe('session hardening', () => {
  function hardened() {
    const ses = fake.fakeSession();
    hardenSession(ses as unknown as Session, source.isAppUrl, CSP);
    return ses;
  }
  const contentsAt = (url: string) => ({ getURL: () => url }) as unknown as WebContents;

  it('denies permission requests and checks, except clipboard writes from our own page', () => {
    const ses = hardened();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'hid',
      'fullscreen',
    ]) {
      const cb = vi.fn();
      ses.requestHandler!(
        contentsAt('app://lab/index.html') as never,
        permission as never,
        cb as never,
        {} as never,
      );
      expect(cb, permission).toHaveBeenCalledWith(false);
      expect(
        ses.checkHandler!(null as never, permission as never, 'app://lab' as never, {} as never),
        permission,
      ).toBe(false);
    }
    const ok = vi.fn();
    ses.requestHandler!(
      contentsAt('app://lab/index.html') as never,
      'clipboard-sanitized-write' as never,
      ok as never,
      {} as never,
    );
    expect(ok).toHaveBeenCalledWith(true);
    const foreign = vi.fn();
    ses.requestHandler!(
      contentsAt('https://evil.example/') as never,
      'clipboard-sanitized-write' as never,
      foreign as never,
      {} as never,
    );
    expect(foreign).toHaveBeenCalledWith(false);
    expect(
      ses.checkHandler!(
        null as never,
        'clipboard-sanitized-write' as never,
        'https://evil.example' as never,
        {} as never,
      ),
    ).toBe(false);
    expect(ses.deviceHandler!()).toBe(false);
  });

  it('puts our CSP on every response, replacing any the response carried', () => {
    const ses = hardened();
    let out: Record<string, string[]> | undefined;
    ses.headersListener!(
      { responseHeaders: { 'content-security-policy': ['script-src *'], 'X-Other': ['1'] } },
      (r) => (out = r.responseHeaders),
    );
    expect(out).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [CSP] });
  });

  it('has a strict CSP with the directives the issue asks for', () => {
    const directives = new Map(
      CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('img-src')).toBe("'self' data:");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('form-action')).toBe("'none'");
    expect(CSP).not.toMatch(/unsafe-eval/);
    expect(DEV_CSP).not.toMatch(/unsafe-eval/);
  });
});

describe('renderer source', () => {
  it('accepts only the app:// origin in a built app', () => {
    expect(source.isAppUrl('app://lab/index.html')).toBe(true);
    expect(source.isAppUrl('app://lab/assets/x.js')).toBe(true);
    expect(source.isAppUrl('app://evil/index.html')).toBe(false);
    expect(source.isAppUrl('file:///app/out/renderer/index.html')).toBe(false);
    expect(source.isAppUrl('http://localhost:5173/')).toBe(false);
    expect(source.isAppUrl('not a url')).toBe(false);
  });

  it('honours ELECTRON_RENDERER_URL only unpackaged and only on a loopback http origin', () => {
    const dev = rendererSource('http://localhost:5173/', false);
    expect(dev).toMatchObject({ dev: true, entryUrl: 'http://localhost:5173/' });
    expect(dev.isAppUrl('http://localhost:5173/src/main.tsx')).toBe(true);
    expect(dev.isAppUrl('http://localhost:5174/')).toBe(false);
    expect(dev.isAppUrl('app://lab/index.html')).toBe(false);
    expect(rendererSource('http://localhost:5173/', true).dev).toBe(false);
    expect(rendererSource('https://evil.example/', false).entryUrl).toBe('app://lab/index.html');
    expect(rendererSource('file:///tmp/x.html', false).dev).toBe(false);
  });
});
