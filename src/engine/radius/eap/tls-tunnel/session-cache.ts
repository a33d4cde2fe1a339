import { Server } from 'node:net';
import { BoundedMap } from '../../../bounded';

/**
 * Server-side TLS 1.2 sessions by session ID (RFC 5246 §7.4.1.2), so a supplicant that re-
 * authenticates can resume instead of repeating the full handshake. wpa_supplicant and Windows
 * resume by session ID unless told to use tickets. Node keeps no server session store of its own:
 * a tls.Server hands each new session out through its `newSession` event and asks for one back
 * through `resumeSession`. A tunnel's TLSSocket has no tls.Server, so this gives it a never-listening
 * net.Server carrying those two listeners (the TLSSocket `server` option), over a BoundedMap (oldest
 * dropped first past `maxSessions`, each gone `lifetimeMs` after it was stored). OpenSSL still refuses a session past its own timeout.
 */
export class TlsSessionCache {
  /** Passed as the TLSSocket's `server`: only its newSession/resumeSession listeners are used. */
  readonly server = new Server();
  readonly #sessions: BoundedMap<string, Buffer>;

  constructor(maxSessions: number, lifetimeMs: number) {
    this.#sessions = new BoundedMap(maxSessions, { ttlMs: lifetimeMs });
    this.server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
      this.#sessions.set(id.toString('hex'), data);
      done();
    });
    this.server.on('resumeSession', (id: Buffer, cb: (err: null, data: Buffer | null) => void) => {
      cb(null, this.#sessions.get(id.toString('hex')) ?? null);
    });
  }

  get size(): number {
    return this.#sessions.size;
  }
}
