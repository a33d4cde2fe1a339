import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import { dispatch, type Handlers } from '../contract/dispatch';
import type { Envelope } from '../contract/envelope';
import { eventNames, type EventName, type EventPayload } from '../contract/events';
import { procedureNames } from '../contract/procedures';
import { EVENT_CHANNEL, procedureChannel } from '../preload/channels';
import type { UrlGuard } from './security';

/** The part of the engine the IPC adapter needs. */
export interface IpcEngine {
  readonly handlers: Handlers;
  readonly events: {
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
  };
}

export interface IpcLog {
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

const unauthorized: Envelope<never> = {
  ok: false,
  error: { code: 'unauthorized', message: 'IPC sender is not the AAA Lab window', issues: [] },
};

/**
 * Only the top frame of our own window, showing our own renderer, may call the engine: not an
 * iframe, not another window, not a page that was navigated elsewhere (electron/fiddle does the
 * same in src/main/ipc.ts).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  win: BrowserWindow | null,
  isAppUrl: UrlGuard,
): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  if (event.sender !== contents) return false;
  const frame = event.senderFrame;
  const top = contents.mainFrame;
  if (!frame || frame.parent !== null) return false;
  if (frame.processId !== top.processId || frame.routingId !== top.routingId) return false;
  return isAppUrl(frame.url);
}

/**
 * Registers one ipcMain handler per contract procedure and forwards engine events to the window.
 * Returns the function that undoes all of it (called on quit).
 */
export function registerIpc(
  engine: IpcEngine,
  getWindow: () => BrowserWindow | null,
  isAppUrl: UrlGuard,
  log: IpcLog,
): () => void {
  for (const name of procedureNames) {
    ipcMain.handle(procedureChannel(name), async (event, input: unknown) => {
      if (!isTrustedSender(event, getWindow(), isAppUrl)) {
        log.warn('rejected IPC call from an untrusted sender', {
          procedure: name,
          url: event.senderFrame?.url,
        });
        return unauthorized;
      }
      return dispatch(engine.handlers, name, input, (proc, err) =>
        log.error('procedure failed', { procedure: proc, error: (err as Error)?.stack ?? String(err) }),
      );
    });
  }
  const unsubscribers = eventNames.map((name) =>
    engine.events.on(name, (payload) => {
      const win = getWindow();
      if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return;
      win.webContents.send(EVENT_CHANNEL, { event: name, payload });
    }),
  );
  return () => {
    for (const name of procedureNames) ipcMain.removeHandler(procedureChannel(name));
    for (const off of unsubscribers) off();
  };
}
