import { createSocket } from 'node:dgram';
import { accessRequestPacket, type AccessRequest } from './radius-client';

const TICK_MS = 10;

/**
 * Puts Access-Requests on the wire at `perSecond` until stopped (each is answered, so the trace
 * grows by twice that), without waiting for replies: load for the trace view, not a client.
 * Each packet is new (fresh Request Authenticator), sent round-robin from several sockets so no
 * request is taken for a retransmission.
 */
export async function radiusFlood(r: AccessRequest, perSecond: number): Promise<{ stop(): Promise<number> }> {
  const sockets = Array.from({ length: 8 }, () => createSocket('udp4'));
  await Promise.all(sockets.map((s) => new Promise<void>((res) => s.bind(0, r.source ?? '127.0.0.1', res))));
  for (const s of sockets) s.on('message', () => undefined);
  let sent = 0;
  const start = Date.now();
  const timer = setInterval(() => {
    const due = Math.floor(((Date.now() - start) / 1000) * perSecond) - sent;
    for (let i = 0; i < due; i++, sent++) {
      const socket = sockets[Math.floor(sent / 256) % sockets.length]!;
      socket.send(accessRequestPacket(r, sent % 256), r.port, r.host);
    }
  }, TICK_MS);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(sockets.map((s) => new Promise<void>((res) => s.close(() => res()))));
      return sent;
    },
  };
}
