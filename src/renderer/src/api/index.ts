import type { LabApi } from '../../../contract';
import { fromBridge } from '../../../contract/from-bridge';
import type { EventSocket } from './event-socket';
import { createHttpClient } from './http-client';
import { takeToken } from './token';

/**
 * One LabApi, two transports: the Electron preload's `window.aaaLab` bridge (envelopes, wrapped by
 * fromBridge), or HTTP/WebSocket to `aaa-lab serve`.
 */
export interface Transport {
  kind: 'electron' | 'http';
  api: LabApi;
  /** The serve host's event link (absent in Electron, where IPC does not drop). */
  events?: EventSocket;
}

function pickTransport(): Transport {
  if (window.aaaLab) return { kind: 'electron', api: fromBridge(window.aaaLab) };
  const token = takeToken(window) ?? '';
  const client = createHttpClient({
    origin: window.location.origin,
    token,
    // No token in the URL: the admin login (password or OpenID Connect) sets a session cookie.
    onSignInNeeded: () => {
      const next = `${window.location.pathname}${window.location.hash}`;
      window.location.assign(`/admin/login?next=${encodeURIComponent(next)}`);
    },
  });
  return { kind: 'http', api: client.api, events: client.events };
}

export const transport: Transport = pickTransport();
export const labApi: LabApi = transport.api;
