import { useSyncExternalStore } from 'react';
import { transport } from '../api';
import type { LinkState } from '../api/event-socket';

/** The serve host's event link state; always 'open' in Electron where IPC does not drop. */
export function useLinkState(): LinkState {
  const events = transport.events;
  return useSyncExternalStore(
    (cb) => (events ? events.onState(() => cb()) : () => {}),
    () => (events ? events.state : 'open'),
  );
}
