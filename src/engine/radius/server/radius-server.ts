import type { Socket } from 'node:dgram';
import type { EngineContext, ListenerInfo, Service } from '../../context';
import { RadiusCore, type CoaDelegate } from './core';
import type { LiveSessions } from './sessions';
import { bindUdp, closeSocket, parseListen } from './udp';

/**
 * RADIUS authentication and accounting over UDP (RFC 2865, 2866, 5997, 5080) on the lab's
 * `radius.auth` / `radius.acct` listeners.
 */
export class RadiusServer implements Service {
  readonly name = 'radius';
  readonly core: RadiusCore;
  #sockets: Socket[] = [];

  constructor(
    private readonly ctx: EngineContext,
    coa?: CoaDelegate,
    sessions?: LiveSessions,
  ) {
    this.core = new RadiusCore(ctx, coa, sessions);
  }

  async start(): Promise<ListenerInfo[]> {
    const cfg = this.ctx.lab().config.radius;
    if (!cfg) return [];
    const out: ListenerInfo[] = [];
    try {
      for (const [kind, list] of [
        ['auth', cfg.auth],
        ['acct', cfg.acct],
      ] as const) {
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
  }

  /**
   * Replies leave at the end of the event-loop turn, together, not one by one as they are made. On
   * loopback a datagram's send does the receiver's work too, including waking a peer that went to
   * sleep waiting for it: one send per reply woke the client for nearly every reply and cost more
   * than the request's processing. A burst wakes it once. The delay is at most one turn (the
   * datagrams read in one poll, ~32).
   */
  #send(sock: Socket, reply: Buffer, to: { address: string; port: number }): void {
    if (this.#outbox.push({ sock, reply, port: to.port, address: to.address }) === 1)
      setImmediate(this.#drain);
  }

  readonly #outbox: Array<{ sock: Socket; reply: Buffer; port: number; address: string }> = [];
  readonly #drain = (): void => {
    const out = this.#outbox.splice(0, this.#outbox.length);
    for (const o of out) {
      try {
        o.sock.send(o.reply, o.port, o.address);
      } catch {
        // the socket was closed by stop() in the meantime: the client retransmits
      }
    }
  };

  #onMessage(
    kind: 'auth' | 'acct',
    sock: Socket,
    local: { address: string; port: number },
    msg: Buffer,
    rinfo: { address: string; port: number },
  ): void {
    this.core.handleGuarded(
      {
        bytes: msg,
        local,
        remote: { address: rinfo.address, port: rinfo.port },
        transport: 'udp',
        listener: kind,
        send: (reply) => this.#send(sock, reply, rinfo),
      },
      // Never let one packet take the listener down; the trace already has what decoded.
      (e) =>
        this.ctx.log.error('radius: request failed', { error: (e as Error).message, remote: rinfo.address }),
    );
  }
}
