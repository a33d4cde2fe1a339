import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago (for peers that cannot bind port 0 themselves). */
export async function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}
