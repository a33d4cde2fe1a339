import { EventEmitter } from 'node:events';

// An in-memory stand-in for the 'electron' module (the binary cannot be downloaded in CI).
// Tests do `vi.mock('electron', () => import('./fake-electron'))` and then drive these objects.

type Fn = (...args: never[]) => unknown;

export class FakeFrame {
  constructor(
    public processId: number,
    public routingId: number,
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame = new FakeFrame(1, 1, 'app://lab/index.html');
  windowOpenHandler?: (details: { url: string }) => { action: string };
  sent: Array<[string, unknown]> = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.mainFrame.url;
  }
}

export class BrowserWindow extends EventEmitter {
  static instances: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loadedUrl?: string;
  destroyed = false;
  constructor(public options: Record<string, unknown>) {
    super();
    BrowserWindow.instances.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  show(): void {}
  focus(): void {}
  restore(): void {}
  isMinimized(): boolean {
    return false;
  }
}

export const ipcMain = {
  handlers: new Map<string, Fn>(),
  handle(channel: string, fn: Fn): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, fn);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invocations: [] as Array<[string, unknown]>,
  answer: (channel: string, input: unknown): unknown => ({ ok: true, value: { channel, input } }),
  listeners: new Map<string, Array<(event: unknown, ...args: unknown[]) => void>>(),
  invoke(channel: string, input: unknown): Promise<unknown> {
    this.invocations.push([channel, input]);
    return Promise.resolve(this.answer(channel, input));
  },
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): void {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
  },
  /** Simulates main's webContents.send(channel, message). */
  deliver(channel: string, message: unknown): void {
    for (const l of this.listeners.get(channel) ?? []) l({ senderId: 0 }, message);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    this.opened.push(url);
    return Promise.resolve();
  },
};

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
};

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  cb: (r: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export function fakeSession() {
  const s = {
    headersListener: undefined as HeadersListener | undefined,
    requestHandler: undefined as Fn | undefined,
    checkHandler: undefined as Fn | undefined,
    deviceHandler: undefined as Fn | undefined,
    protocolHandlers: new Map<string, (req: { url: string }) => Promise<Response>>(),
    webRequest: {
      onHeadersReceived(listener: HeadersListener): void {
        s.headersListener = listener;
      },
    },
    setPermissionRequestHandler(fn: Fn): void {
      s.requestHandler = fn;
    },
    setPermissionCheckHandler(fn: Fn): void {
      s.checkHandler = fn;
    },
    setDevicePermissionHandler(fn: Fn): void {
      s.deviceHandler = fn;
    },
    protocol: {
      handle(scheme: string, fn: (req: { url: string }) => Promise<Response>): void {
        s.protocolHandlers.set(scheme, fn);
      },
    },
  };
  return s;
}
export type FakeSession = ReturnType<typeof fakeSession>;

export function resetFakes(): void {
  BrowserWindow.instances = [];
  ipcMain.handlers.clear();
  ipcRenderer.invocations = [];
  ipcRenderer.listeners.clear();
  contextBridge.exposed.clear();
  shell.opened = [];
  protocol.privileged = [];
}

export const app = new EventEmitter();
export const dialog = { showErrorBox(): void {} };
export default { BrowserWindow, ipcMain, ipcRenderer, contextBridge, shell, protocol, app, dialog };
