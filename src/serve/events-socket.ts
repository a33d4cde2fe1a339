import type { IncomingMessage, Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { LabStatus } from '../contract/schemas';
import type { EventBus } from '../engine/events';

/** Buffered bytes past which a slow browser is dropped rather than letting memory grow. */
const MAX_BUFFERED = 16 * 1024 * 1024;

/** What the event socket uses of the engine: every event, and the status it opens with. */
export interface EventsEngine {
  readonly events: Pick<EventBus, 'onAny'>;
  status(): LabStatus;
}

/** GET /events (WebSocket): every engine event as JSON `{event, payload}`, after the token check. */
export function attachEventSocket(
  server: Server,
  engine: EventsEngine,
  authorised: (url: URL, req: IncomingMessage) => boolean,
): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/events' || !authorised(url, req)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => subscribe(ws, engine));
  });
  return () => {
    for (const c of wss.clients) c.terminate();
    wss.close();
  };
}

function subscribe(ws: WebSocket, engine: EventsEngine): void {
  const off = engine.events.onAny((event, payload) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(1013, 'client too slow');
      return;
    }
    ws.send(JSON.stringify({ event, payload }));
  });
  ws.on('close', off);
  ws.on('error', off);
  // The socket is push-only; anything the browser sends is ignored.
  ws.send(JSON.stringify({ event: 'lab.status.changed', payload: engine.status() }));
}
