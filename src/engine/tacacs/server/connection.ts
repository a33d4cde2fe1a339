import type { Socket } from 'node:net';
import { Framer } from '../codec/framing';
import { PacketHandler, type HandleResult, type HandlerEnv } from './packet-handler';
import { DecodeError } from '../codec/reader';
import { dissect } from '../codec/dissect';
import { holdUntilTurnEnds } from './write-batch';

export interface ConnectionInfo {
  id: number;
  peer: string;
  device: string;
  transport: 'tcp' | 'tls';
  singleConnect: boolean;
  sessions: number;
  idleMs: number;
  openedAt: number;
  packetsIn: number;
  packetsOut: number;
}

/** Packets handled concurrently per connection before reading pauses (backpressure). */
const MAX_IN_FLIGHT = 64;

/**
 * One TCP or TLS connection: framing, concurrent handling of multiplexed sessions (single-connect),
 * replies in completion order, idle and partial-packet timeouts, backpressure both ways. Any
 * unexpected error closes this connection only; the server keeps running.
 */
export class TacacsConnection {
  static #nextId = 1;
  readonly id = TacacsConnection.#nextId++;
  readonly openedAt = Date.now();
  readonly handler: PacketHandler;
  #framer: Framer;
  #lastActivity = Date.now();
  #inFlight = 0;
  #closing = false;
  #partialTimer?: NodeJS.Timeout;
  #packetsIn = 0;
  #packetsOut = 0;

  constructor(
    readonly socket: Socket,
    readonly env: HandlerEnv,
    private readonly onClose: (c: TacacsConnection) => void,
  ) {
    this.handler = new PacketHandler(env);
    this.#framer = new Framer(env.config.maxBodyLength);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', () => socket.destroy());
    socket.on('drain', () => {
      if (this.#inFlight < MAX_IN_FLIGHT) socket.resume();
    });
    socket.on('close', () => this.#cleanup());
  }

  info(): ConnectionInfo {
    return {
      id: this.id,
      peer: `${this.env.remote.address}:${this.env.remote.port}`,
      device: this.env.device.device.name,
      transport: this.env.transport,
      singleConnect: this.handler.singleConnect ?? false,
      sessions: this.handler.sessions.size,
      idleMs: Date.now() - this.#lastActivity,
      openedAt: this.openedAt,
      packetsIn: this.#packetsIn,
      packetsOut: this.#packetsOut,
    };
  }

  close(): void {
    this.socket.destroy();
  }

  /** Called by the server's idle sweep (every IDLE_SWEEP_MS): no packet for idleTimeoutMs closes it. */
  closeIfIdle(now: number): void {
    const limit = this.env.config.idleTimeoutMs;
    if (now - this.#lastActivity >= limit) this.#abort(`idle for ${limit} ms: connection closed`);
  }

  #onData(chunk: Buffer): void {
    this.#lastActivity = Date.now();
    let packets: Buffer[];
    try {
      packets = this.#framer.push(chunk);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      const bytes = chunk.subarray(0, Math.min(chunk.length, 4096));
      this.#traceDrop(bytes, `stream rejected: ${e.message}; connection closed`);
      this.socket.destroy();
      return;
    }
    this.#watchPartial();
    for (const p of packets) this.#process(p);
  }

  /** Slowloris guard: a started packet must complete within the session timeout. */
  #watchPartial(): void {
    if (this.#framer.buffered === 0) {
      clearTimeout(this.#partialTimer);
      this.#partialTimer = undefined;
    } else if (!this.#partialTimer) {
      this.#partialTimer = setTimeout(
        () => this.#abort('partial packet not completed within the session timeout'),
        this.env.config.sessionTimeoutMs,
      );
      this.#partialTimer.unref();
    }
  }

  /** Handles one packet. Most answers are synchronous (local backend); the rest settle later. */
  #process(packet: Buffer): void {
    this.#packetsIn++;
    let r: HandleResult | Promise<HandleResult>;
    try {
      r = this.handler.handle(packet);
    } catch (e) {
      return this.#failed(e);
    }
    if (!(r instanceof Promise)) return this.#deliver(r);
    this.#inFlight++;
    if (this.#inFlight >= MAX_IN_FLIGHT) this.socket.pause();
    r.then(
      (x) => this.#settled(x),
      (e: unknown) => this.#settled(undefined, e),
    );
  }

  #settled(r: HandleResult | undefined, e?: unknown): void {
    this.#inFlight--;
    this.#lastActivity = Date.now(); // an answer that took long (a slow backend) is activity too
    if (r) this.#deliver(r);
    else this.#failed(e);
    if (this.#inFlight < MAX_IN_FLIGHT && !this.socket.destroyed && this.socket.writableLength === 0)
      this.socket.resume();
  }

  #deliver(r: HandleResult): void {
    const s = this.socket;
    if (r.out && !s.destroyed) {
      this.#packetsOut++;
      // Several replies in one turn (a busy single-connect peer, or many connections) leave together.
      holdUntilTurnEnds(s);
      if (!s.write(r.out)) s.pause();
    }
    if (r.close && !this.#closing) {
      this.#closing = true;
      s.end();
    }
  }

  #failed(e: unknown): void {
    this.env.ctx.log.error('tacacs: packet handling failed', {
      error: (e as Error).message,
      peer: this.env.remote.address,
    });
    this.socket.destroy();
  }

  #abort(why: string): void {
    if (this.socket.destroyed) return;
    this.#traceDrop(new Uint8Array(0), why);
    this.socket.destroy();
  }

  #traceDrop(bytes: Uint8Array, diagnosis: string): void {
    const { env } = this;
    env.ctx.trace.append({
      protocol: 'tacacs',
      direction: 'in',
      transport: env.transport,
      local: env.local,
      remote: env.remote,
      role: 'server',
      device: env.device.device.name,
      summary: 'connection closed',
      result: 'drop',
      bytes,
      dissection: bytes.length ? () => dissect(bytes, undefined).nodes : undefined,
      diagnosis,
    });
  }

  #cleanup(): void {
    clearTimeout(this.#partialTimer);
    this.handler.dispose();
    this.onClose(this);
  }
}
