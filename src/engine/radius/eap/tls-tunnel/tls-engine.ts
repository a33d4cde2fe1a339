import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import tls from 'node:tls';
import type { TlsSessionCache } from './session-cache';

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

const tick = (): Promise<void> => new Promise((resolve) => process.nextTick(resolve));

export class TlsEngine {
  readonly socket: tls.TLSSocket;
  private readonly wire: Duplex;
  private out: Buffer[] = [];
  private appIn: Buffer[] = [];
  /** Writes of TLS bytes onto the wire so far, and how many `settle` has seen completed. */
  private writes = 0;
  private settledWrites = 0;
  private secured = false;
  private failure: Error | undefined;
  private closed = false;

  constructor(opts: TlsEngineOptions) {
    this.wire = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _enc, cb) => {
        this.out.push(chunk);
        this.writes++;
        cb();
      },
      final: (cb) => cb(),
    });
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
    const secured = () => {
      this.secured = true;
    };
    this.socket.on('secure', secured);
    this.socket.on('secureConnect', secured);
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
    if (bytes.length) this.wire.push(bytes);
    await this.settle();
  }

  /** Encrypts application data for the peer (PEAP/TTLS inner messages, the EAP-TLS 1.3 commitment). */
  async write(data: Buffer): Promise<void> {
    if (this.closed) return;
    await new Promise<void>((resolve) => this.socket.write(data, () => resolve()));
    await this.settle();
  }

  /** TLS bytes produced since the last call. */
  takeOutput(): Buffer {
    const b = this.out.length === 1 ? this.out[0]! : Buffer.concat(this.out);
    this.out = [];
    return b;
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
   * input, but Node's stream wrapper completes each write of TLS bytes on a later turn
   * (setImmediate) and only then lets the next write out. So: one tick for the write callbacks (and
   * an error, which is emitted on a tick), then a turn per write until a turn brings none. Counting
   * writes, not waiting for quiet turns, keeps a round to the turns it needs.
   */
  private async settle(): Promise<void> {
    for (let turn = 0; turn < MAX_TURNS; turn++) {
      await tick();
      if (this.writes === this.settledWrites) return;
      this.settledWrites = this.writes;
      await nextTurn();
    }
  }
}
