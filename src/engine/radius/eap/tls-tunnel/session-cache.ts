import { Server } from 'node:net';

/**
 * Server-side TLS 1.2 sessions by session ID (RFC 5246 §7.4.1.2), so a supplicant that re-
 * authenticates can resume instead of repeating the full handshake. wpa_supplicant and Windows
 * resume by session ID unless told to use tickets. Node keeps no server session store of its own:
 * a tls.Server hands each new session out through its `newSession` event and asks for one back
 * through `resumeSession`. A tunnel's TLSSocket has no tls.Server, so this gives it a never-listening
 * net.Server carrying those two listeners (the TLSSocket `server` option), over a bounded map in
 * insertion order (oldest dropped first). OpenSSL still refuses a session past its own timeout.
 */
export class TlsSessionCache {
  /** Passed as the TLSSocket's `server`: only its newSession/resumeSession listeners are used. */
  readonly server = new Server();
  readonly #sessions = new Map<string, { data: Buffer; expires: number }>();

  constructor(
    private readonly maxSessions: number,
    private readonly lifetimeMs: number,
  ) {
    this.server.on('newSession', (id: Buffer, data: Buffer, done: () => void) => {
      this.#put(id.toString('hex'), data);
      done();
    });
    this.server.on('resumeSession', (id: Buffer, cb: (err: null, data: Buffer | null) => void) => {
      cb(null, this.#get(id.toString('hex')));
    });
  }

  get size(): number {
    return this.#sessions.size;
  }

  #put(key: string, data: Buffer): void {
    this.#sessions.delete(key);
    this.#sessions.set(key, { data, expires: Date.now() + this.lifetimeMs });
    if (this.#sessions.size > this.maxSessions) {
      const oldest = this.#sessions.keys().next().value;
      if (oldest !== undefined) this.#sessions.delete(oldest);
    }
  }

  #get(key: string): Buffer | null {
    const s = this.#sessions.get(key);
    if (!s) return null;
    if (s.expires < Date.now()) {
      this.#sessions.delete(key);
      return null;
    }
    return s.data;
  }
}
