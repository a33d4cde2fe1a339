import { setImmediate as nextTurn } from 'node:timers/promises';
import tls from 'node:tls';
import type { TlsSessionCache } from './session-cache';
import { TlsWire } from './tls-wire';

/**
 * A server-side TLS session on Node's own TLS stack (OpenSSL), over an in-memory Duplex instead of a
 * socket: the EAP conversation feeds it the peer's TLS bytes and takes back what TLS wants to send.
 * No TLS is written here; this only moves bytes and waits for OpenSSL to finish a flight.
 */
export type TlsEngineOptions =
  | {
      secureContext: tls.SecureContext;
      /** EAP-TLS asks for the client certificate; verification is ours (rejectUnauthorized: false) so
       * a failure becomes a plain diagnosis instead of a bare alert. */
      requestCert: boolean;
      /** TLS 1.2 session-ID resumption; absent, only tickets (and TLS 1.3 PSKs) resume. */
      sessions?: TlsSessionCache;
      /** Receives each NSS key log line of this session (the trace keeps them for a pcap export). */
      keylog?: (line: Buffer) => void;
    }
  /** The supplicant's side (the EAP test client): a TLS client; the caller checks the server
   * certificate itself once the handshake is done, so an untrusted one is reported, not an alert. */
  | { client: Omit<tls.ConnectionOptions, 'socket' | 'rejectUnauthorized'> };

/** Bound on the event-loop turns one flight may take (OpenSSL hands a flight over in a few writes). */
const MAX_TURNS = 200;
/** Bound on the turns a handshake input may wait for a step Node defers (see awaitDeferred). */
const DEFERRED_TURNS = 16;

const tick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

export class TlsEngine {
  readonly socket: tls.TLSSocket;
  private readonly wire = new TlsWire();
  private appIn: Buffer[] = [];
  private secured = false;
  private failure: Error | undefined;
  private closed = false;

  constructor(opts: TlsEngineOptions) {
    this.socket =
      'client' in opts
        ? tls.connect({ ...opts.client, socket: this.wire, rejectUnauthorized: false })
        : new tls.TLSSocket(this.wire, {
            isServer: true,
            secureContext: opts.secureContext,
            requestCert: opts.requestCert,
            rejectUnauthorized: false,
            server: opts.sessions?.server,
          });
    if (!('client' in opts) && opts.keylog) this.socket.on('keylog', opts.keylog);
    // Both sides emit 'secure' when the handshake completes (a client's 'secureConnect' follows it).
    this.socket.on('secure', () => {
      this.secured = true;
    });
    this.socket.on('data', (d: Buffer) => this.appIn.push(d));
    this.socket.on('error', (e: Error) => {
      this.failure ??= e;
    });
  }

  get handshakeDone(): boolean {
    return this.secured;
  }

  get error(): Error | undefined {
    return this.failure;
  }

  /** Feeds the peer's TLS bytes; resolves when OpenSSL has answered (or has nothing to say). */
  async feed(bytes: Buffer): Promise<void> {
    if (this.closed) return;
    const before = this.wire.handed;
    const wasIdle = this.idle();
    if (bytes.length) this.wire.deliver(bytes);
    await this.settle(before, wasIdle);
    if (bytes.length && !this.secured && this.wire.handed === before) await this.awaitDeferred(before);
  }

  /**
   * Handshake input that produced nothing at once may be waiting on a step Node runs on a later
   * turn: from Node 24 (Electron 40 and later), a server whose sessions can resume by ID hands the
   * ClientHello to its resumeSession step on a setImmediate, and OpenSSL answers only after it.
   * So while the handshake is under way, the socket alive and nothing has come out, wait a few
   * turns for output, then collect the flight as usual. Never entered once the handshake is done (an
   * inner message's feed has no TLS output); a peer's partial flight, which has no answer, costs
   * DEFERRED_TURNS idle turns.
   */
  private async awaitDeferred(before: number): Promise<void> {
    for (let turn = 0; turn < DEFERRED_TURNS; turn++) {
      if (this.secured || this.failure || this.socket.destroyed || this.wire.handed !== before) break;
      await nextTurn();
    }
    if (this.wire.handed !== before) await this.settle(before, false);
  }

  /** Encrypts application data for the peer (PEAP/TTLS inner messages, the EAP-TLS 1.3 commitment). */
  async write(data: Buffer): Promise<void> {
    if (this.closed) return;
    const before = this.wire.handed;
    const wasIdle = this.idle();
    let written = false;
    let wake: (() => void) | undefined;
    this.socket.write(data, () => {
      written = true;
      wake?.();
    });
    // Fast path, no turn: OpenSSL encrypts inside socket.write and, with no write in flight, the
    // records reach the wire at once; the write's callback only follows a turn later (Node's stream
    // wrapper completes every write on a setImmediate). When the wire was idle and what it was handed
    // is all the encrypted output there is, and at least the data's size (a record is larger than its
    // plaintext, so this is not some other output with the data still held back), the records are out.
    if (wasIdle && data.length > 0 && this.wire.handed - before >= data.length && this.settled(before))
      return;
    // Otherwise the callback comes once the records have been written out, so this usually finds
    // the wire idle already and takes no turn.
    if (!written) await new Promise<void>((resolve) => (wake = resolve));
    await this.settle(before, false);
  }

  /** TLS bytes produced since the last call. */
  takeOutput(): Buffer {
    return this.wire.takeOutput();
  }

  /** Decrypted application data received since the last call. */
  takeAppData(): Buffer[] {
    const a = this.appIn;
    this.appIn = [];
    return a;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.destroy();
    this.wire.destroy();
  }

  /**
   * Waits until OpenSSL has handed over everything it has to say. It works synchronously on each
   * input and hands its output to the wire at once, but Node's stream wrapper completes each write
   * on a later turn (setImmediate) and lets no further write out until then: a flight larger than
   * one write (several records past Node's buffer count) arrives over several turns.
   *
   * Fast path, no turn: TLSWrap's `writeQueueSize` is the encrypted output OpenSSL holds that the
   * wire has not completed yet, the write in flight included. When the wire was idle before the
   * input (`before`: the bytes handed over until then) and that figure now equals exactly what was
   * handed over since, nothing is held back; the write still in flight completes on its own turn
   * before any later input can be processed behind it. Otherwise (or when the figure is unavailable):
   * a turn at a time until the wire is idle and nothing is pending. A tick first unless the fast path
   * holds at once on a live socket with no decrypted data buffered: Node emits a failure's 'error'
   * (after destroying the socket) and data it held back on a tick.
   */
  private async settle(before: number, wasIdle: boolean): Promise<void> {
    if (wasIdle && this.settled(before) && !this.socket.destroyed && this.socket.readableLength === 0) return;
    await tick();
    let seen = before;
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      const pending = this.pendingOutput();
      if (pending === undefined) {
        // Without the figure: a turn that brought no new output ends it (as before the fast path).
        if (this.wire.handed === seen) return;
      } else if (turn === 0 && wasIdle && this.settled(before)) return;
      else if (this.idle()) return;
      seen = this.wire.handed;
      await nextTurn();
    }
  }

  /** Everything OpenSSL has encrypted since `before` was handed to the wire, the peer's bytes all
   * taken in (the wire was idle at `before`, so no earlier write is holding output back). */
  private settled(before: number): boolean {
    return this.pendingOutput() === this.wire.handed - before && this.wire.readableLength === 0;
  }

  /** The peer's bytes all taken in, no write in flight and nothing pending. */
  private idle(): boolean {
    if (this.socket.destroyed) return true;
    return this.wire.readableLength === 0 && this.pendingOutput() === 0 && this.socket.writableLength === 0;
  }

  /** TLSWrap's pending encrypted output (bytes), 0 once the socket is gone, undefined if unknown. */
  private pendingOutput(): number | undefined {
    const handle = (this.socket as unknown as { _handle: { writeQueueSize?: unknown } | null })._handle;
    if (!handle) return 0;
    return typeof handle.writeQueueSize === 'number' ? handle.writeQueueSize : undefined;
  }
}
