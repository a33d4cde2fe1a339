import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { Framer } from '../codec/framing';

export interface ClientTransportOptions {
  host: string;
  port: number;
  /** Bind the client socket to this local address (e.g. 127.0.0.3 to act as another device). */
  localAddress?: string;
  /** RFC 9887 TACACS+ over TLS 1.3. */
  tls?: {
    ca?: Buffer | string;
    cert?: Buffer | string;
    key?: Buffer | string;
    servername?: string;
    rejectUnauthorized?: boolean;
  };
  timeoutMs: number;
}

type Waiter = { resolve: (b: Buffer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };

/**
 * One client connection: frames replies and routes each to the session waiting for it, so several
 * sessions can share the connection (single-connect, RFC 8907 §4.3).
 */
export class ClientConnection {
  #framer = new Framer(16 * 1024 * 1024);
  #waiters = new Map<number, Waiter>();
  #closed?: Error;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let packets: Buffer[];
      try {
        packets = this.#framer.push(chunk);
      } catch (e) {
        this.#fail(e as Error);
        socket.destroy();
        return;
      }
      for (const p of packets) {
        const sid = p.readUInt32BE(4);
        const w = this.#waiters.get(sid);
        if (!w) continue;
        this.#waiters.delete(sid);
        clearTimeout(w.timer);
        w.resolve(p);
      }
    });
    socket.on('error', (e) => this.#fail(e));
    socket.on('close', () => this.#fail(new Error('connection closed by the server')));
  }

  static open(o: ClientTransportOptions): Promise<ClientConnection> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`connect to ${o.host}:${o.port} timed out after ${o.timeoutMs} ms`));
      }, o.timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        socket.off('error', onError);
        resolve(new ClientConnection(socket));
      };
      const onError = (e: Error): void => {
        clearTimeout(timer);
        reject(e);
      };
      const socket: Socket = o.tls
        ? tlsConnect(
            {
              socket: netConnect({ host: o.host, port: o.port, localAddress: o.localAddress }),
              host: o.host,
              minVersion: 'TLSv1.3',
              ca: o.tls.ca,
              cert: o.tls.cert,
              key: o.tls.key,
              servername: o.tls.servername,
              rejectUnauthorized: o.tls.rejectUnauthorized ?? true,
            },
            done,
          )
        : netConnect({ host: o.host, port: o.port, localAddress: o.localAddress }, done);
      socket.once('error', onError);
    });
  }

  get closed(): boolean {
    return this.#closed !== undefined;
  }

  /** Sends a packet and waits for the next packet of the same session. */
  request(packet: Buffer, sessionId: number, timeoutMs: number): Promise<Buffer> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.delete(sessionId);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.#waiters.set(sessionId, { resolve, reject, timer });
      this.socket.write(packet);
    });
  }

  close(): void {
    this.socket.end();
    this.socket.destroySoon?.();
  }

  #fail(e: Error): void {
    this.#closed ??= e;
    for (const w of this.#waiters.values()) {
      clearTimeout(w.timer);
      w.reject(e);
    }
    this.#waiters.clear();
  }
}
