import { contextBridge, ipcRenderer } from 'electron';
import { buildBridge, isEventName, type LabBridge } from '../contract/bridge';
import { EVENT_CHANNEL, procedureChannel } from './channels';

// Runs sandboxed with context isolation: the page gets only the named functions below, never
// ipcRenderer or a generic invoke. Bundled to CommonJS requiring nothing but 'electron'.

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

ipcRenderer.on(EVENT_CHANNEL, (_event, message: unknown) => {
  if (typeof message !== 'object' || message === null) return;
  const { event, payload } = message as { event?: unknown; payload?: unknown };
  if (!isEventName(event)) return;
  for (const listener of listeners.get(event) ?? []) {
    try {
      listener(payload);
    } catch (err) {
      // One broken subscriber must not starve the others.
      console.error(`aaaLab: a listener for ${event} threw`, err);
    }
  }
});

const bridge = {
  ...buildBridge((name, input) => ipcRenderer.invoke(procedureChannel(name), input)),
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError(`unknown event "${String(event)}"`);
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const entry = listener as Listener;
    set.add(entry);
    return () => {
      set.delete(entry);
    };
  },
} satisfies LabBridge;

contextBridge.exposeInMainWorld('aaaLab', bridge);
