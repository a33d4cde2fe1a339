import type { Socket } from 'node:net';

const corked = new Set<Socket>();

function uncorkAll(): void {
  const sockets = [...corked];
  corked.clear();
  for (const s of sockets) if (!s.destroyed) s.uncork();
}

/**
 * Holds a socket's writes until the end of the event-loop turn, then flushes every socket written
 * to in that turn together. Each flush is a syscall that, on loopback, also wakes the peer if it
 * went to sleep waiting: written one reply at a time, that wake-up cost more than the request's
 * processing; in a burst the peer wakes once. The delay is at most one turn.
 */
export function holdUntilTurnEnds(s: Socket): void {
  if (corked.has(s)) return;
  s.cork();
  if (corked.add(s).size === 1) setImmediate(uncorkAll);
}
