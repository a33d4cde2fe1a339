import { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import tls from 'node:tls';
import {
  decodeTlsTypeData,
  encodeTlsTypeData,
  fragment,
  type TlsTypeData,
} from '../../src/engine/radius/eap/tls-tunnel/fragments';
import { Reassembler } from '../../src/engine/radius/eap/tls-tunnel/reassembler';

/**
 * The supplicant's side of an EAP-TLS/PEAP/TTLS tunnel for tests: Node's own TLS client over a
 * Duplex, with the same L/M/S fragmentation, answering each request's Type-Data.
 */
export class TlsPeer {
  readonly socket: tls.TLSSocket;
  private readonly wire: Duplex;
  private out: Buffer[] = [];
  private pending: TlsTypeData[] = [];
  private readonly reassembler = new Reassembler(1 << 20);
  readonly app: Buffer[] = [];
  secure = false;
  /** The supplicant's inner protocol: answers decrypted data (PEAP/TTLS inner messages). */
  onApp: ((data: Buffer) => Buffer | undefined) | undefined;
  /** What the supplicant sends first once the tunnel is up (TTLS AVPs). */
  onSecure: (() => Buffer | undefined) | undefined;
  private greeted = false;
  error: (Error & { code?: string }) | undefined;

  constructor(
    options: tls.ConnectionOptions,
    private readonly fragmentSize = 1400,
    private readonly version = 0,
  ) {
    this.wire = new Duplex({
      read: () => undefined,
      write: (c: Buffer, _e, cb) => {
        this.out.push(c);
        cb();
      },
    });
    this.socket = tls.connect({ ...options, socket: this.wire });
    this.socket.on('secureConnect', () => (this.secure = true));
    this.socket.on('data', (d: Buffer) => this.app.push(d));
    this.socket.on('error', (e: Error) => (this.error ??= e));
  }

  /** The response Type-Data to one request's Type-Data. */
  async respond(request: Buffer): Promise<Buffer> {
    const f = decodeTlsTypeData(request);
    if (f.start) {
      await settle();
      return this.send();
    }
    if (f.data.length === 0) {
      const next = this.pending.shift();
      return next ? encodeTlsTypeData(next) : this.ack();
    }
    const r = this.reassembler.add(f);
    if (r.kind === 'partial') return this.ack();
    this.wire.push(r.message);
    await settle();
    await this.inner();
    return this.send();
  }

  private async inner(): Promise<void> {
    if (this.secure && !this.greeted && this.onSecure) {
      this.greeted = true;
      const first = this.onSecure();
      if (first) await this.write(first);
    }
    if (!this.onApp || this.app.length === 0) return;
    const reply = this.onApp(Buffer.concat(this.app.splice(0)));
    if (reply) await this.write(reply);
  }

  async write(data: Buffer): Promise<void> {
    this.socket.write(data);
    await settle();
  }

  takeApp(): Buffer[] {
    return this.app.splice(0);
  }

  close(): void {
    this.socket.destroy();
  }

  private send(): Buffer {
    const msg = Buffer.concat(this.out.splice(0));
    if (msg.length === 0) return this.ack();
    const parts = fragment(msg, this.fragmentSize, this.version);
    const first = parts.shift()!;
    this.pending = parts;
    return encodeTlsTypeData(first);
  }

  private ack(): Buffer {
    return encodeTlsTypeData({ more: false, start: false, version: this.version, data: Buffer.alloc(0) });
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 6; i++) await nextTurn();
}
