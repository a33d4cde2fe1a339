import { Buffer } from 'node:buffer';
import type { RemoteInfo, Socket } from 'node:dgram';
import type { EngineContext, ListenerInfo, Service } from '../../context';
import type { Endpoint } from '../../trace/types';
import { RadiusCore } from './core';
import type { CoaDelegate, Inbound } from './request-context';
import type { LiveSessions } from './sessions';
import { bindUdp, closeSocket, parseListen } from './udp';

/**
 * RADIUS authentication and accounting over UDP (RFC 2865, 2866, 5997, 5080) on the lab's
 * `radius.auth` / `radius.acct` listeners.
 */
export class RadiusServer implements Service {
  readonly name: string;
  readonly core: RadiusCore;
  #sockets: Socket[] = [];
  readonly #outbox = new Outbox();
  readonly #kinds: readonly ('auth' | 'acct')[];

  /**
   * `kinds` picks the listeners this instance runs (the lab runs one instance for auth and one for
   * acct, so either can be stopped alone, as a NAS's failover is tested); both by default.
   */
  constructor(
    private readonly ctx: EngineContext,
    coa?: CoaDelegate,
    sessions?: LiveSessions,
    kinds: readonly ('auth' | 'acct')[] = ['auth', 'acct'],
  ) {
    this.core = new RadiusCore(ctx, coa, sessions);
    this.#kinds = kinds;
    this.name = kinds.length === 1 ? `radius-${kinds[0]}` : 'radius';
  }

  async start(): Promise<ListenerInfo[]> {
    const cfg = this.ctx.lab().config.radius;
    if (!cfg) return [];
    const out: ListenerInfo[] = [];
    try {
      for (const kind of this.#kinds) {
        const list = kind === 'auth' ? cfg.auth : cfg.acct;
        for (const hp of parseListen(list)) {
          const service = kind === 'auth' ? 'radius-auth' : 'radius-acct';
          let local = { address: hp.host, port: hp.port };
          const sock = await bindUdp(hp, cfg.receiveBufferBytes, service, (msg, rinfo, s) =>
            this.#onMessage(kind, s, local, msg, rinfo),
          );
          this.#sockets.push(sock);
          const a = sock.address();
          // Once per socket, not per datagram (Socket.address() is a syscall-backed call).
          local = { address: a.address, port: a.port };
          out.push({ service, transport: 'udp', address: a.address, port: a.port });
        }
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    return out;
  }

  async stop(): Promise<void> {
    const socks = this.#sockets;
    this.#sockets = [];
    await Promise.all(socks.map(closeSocket));
    this.core.dup.clear();
    this.core.close();
  }

  #onMessage(
    kind: 'auth' | 'acct',
    sock: Socket,
    local: { address: string; port: number },
    msg: Buffer,
    rinfo: RemoteInfo,
  ): void {
    this.core.handleGuarded(new Datagram(msg, local, rinfo, kind, sock, this.#outbox), this.#onError);
  }

  // Never let one packet take the listener down; the trace already has what decoded.
  readonly #onError = (e: unknown, inb: Inbound): void =>
    this.ctx.log.error('radius: request failed', { error: (e as Error).message, remote: inb.remote.address });
}

/**
 * One received datagram and the way back to its sender: one object per datagram (the socket's
 * rinfo is its remote endpoint), no closure.
 */
class Datagram implements Inbound {
  readonly transport = 'udp' as const;

  constructor(
    readonly bytes: Buffer,
    readonly local: Endpoint,
    readonly remote: RemoteInfo,
    readonly listener: 'auth' | 'acct',
    private readonly sock: Socket,
    private readonly outbox: Outbox,
  ) {}

  send(reply: Buffer): void {
    this.outbox.push(this.sock, reply, this.remote.port, this.remote.address);
  }
}

/**
 * Replies leave at the end of the event-loop turn, together, not one by one as they are made. On
 * loopback a datagram's send does the receiver's work too, including waking a peer that went to
 * sleep waiting for it: one send per reply woke the client for nearly every reply and cost more
 * than the request's processing. A burst wakes it once. The delay is at most one turn (the
 * datagrams read in one poll, ~32). Parallel arrays, cleared as they are sent: no object per reply,
 * and nothing keeps a sent reply alive.
 */
class Outbox {
  readonly #socks: Socket[] = [];
  readonly #replies: Buffer[] = [];
  readonly #ports: number[] = [];
  readonly #addresses: string[] = [];
  #n = 0;

  push(sock: Socket, reply: Buffer, port: number, address: string): void {
    const i = this.#n++;
    this.#socks[i] = sock;
    this.#replies[i] = reply;
    this.#ports[i] = port;
    this.#addresses[i] = address;
    if (i === 0) setImmediate(this.#drain);
  }

  readonly #drain = (): void => {
    const n = this.#n;
    this.#n = 0;
    for (let i = 0; i < n; i++) {
      try {
        this.#socks[i]!.send(this.#replies[i]!, this.#ports[i], this.#addresses[i]);
      } catch {
        // the socket was closed by stop() in the meantime: the client retransmits
      }
      this.#replies[i] = SENT;
      this.#addresses[i] = '';
    }
  };
}

const SENT = Buffer.alloc(0);
