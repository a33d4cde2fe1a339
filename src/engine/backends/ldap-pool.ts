import { ResultCodeError, type Client } from 'ldapts';

interface Slot {
  client: Client;
  /** prepare() ran on the current connection (connected, TLS upgraded, service-bound if wanted). */
  ready: boolean;
}

export interface LdapPoolOptions<C> {
  size: number;
  create(): Client;
  /** Readies a fresh connection: StartTLS and, for the search pool, the service bind. `ctx` is the caller's. */
  prepare(client: Client, ctx: C): Promise<void>;
}

/**
 * A small pool of exclusive LDAP connections. Exclusive because a bind changes the whole
 * connection's identity (RFC 4511 §4.2.1: no other operation may be outstanding during a bind), and
 * because a connection that ldapts silently reconnects would lose StartTLS: prepare() runs again
 * whenever the connection is no longer up, right before the caller's first operation.
 */
export class LdapPool<C = undefined> {
  readonly #idle: Slot[] = [];
  readonly #waiters: Array<{ resolve(s: Slot): void; reject(e: Error): void }> = [];
  #count = 0;
  #closed = false;

  constructor(readonly opts: LdapPoolOptions<C>) {}

  async use<T>(fn: (client: Client) => Promise<T>, ctx: C, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    const slot = await this.#acquire(signal);
    let broken = false;
    try {
      if (!slot.ready || !slot.client.isConnected) {
        slot.ready = false;
        await this.opts.prepare(slot.client, ctx);
        slot.ready = true;
      }
      return await fn(slot.client);
    } catch (e) {
      // An LDAP result (wrong password, no such object) leaves the connection usable; anything else doesn't.
      broken = !(e instanceof ResultCodeError);
      throw e;
    } finally {
      this.#release(slot, broken || signal?.aborted === true);
    }
  }

  /** Connections currently open or being opened. */
  get size(): number {
    return this.#count;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const w of this.#waiters.splice(0)) w.reject(new Error('LDAP backend closed'));
    const idle = this.#idle.splice(0);
    this.#count -= idle.length;
    await Promise.allSettled(idle.map((s) => s.client.unbind()));
  }

  #acquire(signal?: AbortSignal): Promise<Slot> {
    if (this.#closed) return Promise.reject(new Error('LDAP backend closed'));
    const idle = this.#idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.#count < this.opts.size) {
      this.#count++;
      return Promise.resolve({ client: this.opts.create(), ready: false });
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      this.#waiters.push(waiter);
      signal?.addEventListener(
        'abort',
        () => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        },
        { once: true },
      );
    });
  }

  #release(slot: Slot, broken: boolean): void {
    if (broken) {
      // A timed-out or failed connection may still have a reply in flight: never hand it on.
      void slot.client.unbind().catch(() => {});
      slot = { client: this.opts.create(), ready: false };
    }
    if (this.#closed) {
      this.#count--;
      void slot.client.unbind().catch(() => {});
      return;
    }
    const w = this.#waiters.shift();
    if (w) w.resolve(slot);
    else this.#idle.push(slot);
  }
}
