import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import tls from 'node:tls';

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
      /** Receives each NSS key log line of this session (the trace keeps them for a pcap export). */
      keylog?: (line: Buffer) => void;
    }
  /** The supplicant's side (the EAP test client): a TLS client; the caller checks the server
   * certificate itself once the handshake is done, so an untrusted one is reported, not an alert. */
  | { client: Omit<tls.ConnectionOptions, 'socket' | 'rejectUnauthorized'> };

/** How many event-loop turns a flight may take before we call it done (OpenSSL works synchronously
 * per input; Node hands the output over within a few turns). */
const SETTLE_TURNS = 3;
const MAX_TURNS = 200;

export class TlsEngine {
  readonly socket: tls.TLSSocket;
  private readonly wire: Duplex;
  private out: Buffer[] = [];
  private appIn: Buffer[] = [];
  private outLength = 0;
  private secured = false;
  private failure: Error | undefined;
  private closed = false;

  constructor(opts: TlsEngineOptions) {
    this.wire = new Duplex({
      read: () => undefined,
      write: (chunk: Buffer, _enc, cb) => {
        this.out.push(chunk);
        this.outLength += chunk.length;
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
    this.outLength = 0;
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

  private async settle(): Promise<void> {
    let last = -1;
    let stable = 0;
    for (let turn = 0; turn < MAX_TURNS && stable < SETTLE_TURNS; turn++) {
      await nextTurn();
      const now = this.outLength + this.appIn.length;
      stable = now === last ? stable + 1 : 0;
      last = now;
    }
  }
}
