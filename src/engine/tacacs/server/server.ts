import { createServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import { parseHostPort } from '../../config/host-port';
import type { TlsMaterial } from '../../config/loaded-lab';
import type { TacacsConfig } from '../../config/schema';
import { ListenError, type EngineContext, type ListenerInfo, type Service } from '../../context';
import type { DeviceMatch } from '../../policy/devices';
import type { Endpoint } from '../../trace/types';
import { TacacsConnection, type ConnectionInfo } from './connection';

/** How often idle connections are looked for: a connection closes within this much of its limit. */
const IDLE_SWEEP_MS = 250;

const DEFAULTS: TacacsConfig = {
  listen: [],
  maxBodyLength: 65536,
  idleTimeoutMs: 600_000,
  sessionTimeoutMs: 60_000,
  maxConnections: 1024,
  loginRetries: 3,
  chpass: 'deny',
};

/**
 * The TACACS+ server (RFC 8907 over TCP, RFC 9887 over TLS 1.3): listeners from `tacacs.listen`
 * and `tacacs.tls.listen`, clients identified by source address, connection limits. Lab reloads
 * are picked up per connection (device, policy) without restarting the listeners.
 */
export class TacacsServer implements Service {
  readonly name: string;
  #servers: Server[] = [];
  #conns = new Set<TacacsConnection>();
  #idleSweep?: NodeJS.Timeout;
  #uptime?: NodeJS.Timeout;
  readonly #transports: ReadonlySet<'tcp' | 'tls'>;

  /**
   * `transports` picks the listeners this instance runs (the lab runs one instance each, so the
   * Servers screen can stop TACACS+/TLS and keep plain TACACS+); both by default.
   */
  constructor(
    readonly ctx: EngineContext,
    transports: readonly ('tcp' | 'tls')[] = ['tcp', 'tls'],
  ) {
    this.#transports = new Set(transports);
    this.name = transports.length === 1 && transports[0] === 'tls' ? 'tacacs-tls' : 'tacacs';
  }

  #config(): TacacsConfig {
    return this.ctx.lab().config.tacacs ?? DEFAULTS;
  }

  async start(): Promise<ListenerInfo[]> {
    const cfg = this.ctx.lab().config.tacacs;
    if (!cfg) return [];
    const out: ListenerInfo[] = [];
    try {
      for (const addr of this.#transports.has('tcp') ? cfg.listen : []) {
        const server = createServer((s) => this.#accept(s, 'tcp'));
        out.push(await this.#listen(server, addr, 'tacacs', 'tcp'));
      }
      const tls = this.ctx.lab().tls.tacacs;
      if (this.#transports.has('tls') && cfg.tls && tls) {
        for (const addr of cfg.tls.listen)
          out.push(await this.#listen(this.#tlsServer(tls), addr, 'tacacs-tls', 'tls'));
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    // One instance owns the uptime gauge: the plain-TCP one, or the TLS one in a TLS-only lab.
    if (this.#transports.has('tcp') || cfg.listen.length === 0) {
      const t0 = Date.now();
      this.ctx.metrics.tacacsUptime.set(0);
      this.#uptime = setInterval(() => this.ctx.metrics.tacacsUptime.set((Date.now() - t0) / 1000), 1000);
      this.#uptime.unref();
    }
    // Idle connections are found by a sweep rather than a socket timer each: Node re-arms a
    // socket's timeout on every read and write, two timer-list updates per authentication.
    this.#idleSweep = setInterval(() => {
      const now = Date.now();
      for (const c of this.#conns) c.closeIfIdle(now);
    }, IDLE_SWEEP_MS);
    this.#idleSweep.unref();
    return out;
  }

  async stop(): Promise<void> {
    clearInterval(this.#uptime);
    clearInterval(this.#idleSweep);
    // Only this instance's connections leave the gauge (the other transport's instance may run on).
    const conns = [...this.#conns];
    this.#conns.clear();
    for (const c of conns) c.close();
    this.ctx.metrics.tacacsConnections.dec(conns.length);
    const servers = this.#servers;
    this.#servers = [];
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  }

  /** Live connections for the live-sessions screen. */
  connections(): ConnectionInfo[] {
    return [...this.#conns].map((c) => c.info());
  }

  /** Closes one connection by id (live-sessions "disconnect"); false if it is gone. */
  disconnect(id: number): boolean {
    for (const c of this.#conns) if (c.id === id) return (c.close(), true);
    return false;
  }

  /** RFC 9887 §3: TLS 1.3 only, mutual authentication with client certificates from the lab CA. */
  #tlsServer(tls: TlsMaterial): Server {
    const server = createTlsServer(
      {
        cert: tls.cert,
        key: tls.key,
        ca: tls.ca,
        requestCert: true,
        rejectUnauthorized: true,
        minVersion: 'TLSv1.3',
      },
      (s) => this.#accept(s, 'tls'),
    );
    // Screen the raw socket before the handshake: unknown clients never get a TLS session.
    server.on('connection', (raw: Socket) => this.#screen(raw, 'tls'));
    server.on('tlsClientError', (err, s) =>
      this.#traceConn(s, 'tls', `TLS handshake failed: ${err.message}`),
    );
    return server;
  }

  #listen(
    target: Server,
    addr: string,
    service: ListenerInfo['service'],
    transport: 'tcp' | 'tls',
  ): Promise<ListenerInfo> {
    const hp = parseHostPort(addr);
    if (typeof hp === 'string') return Promise.reject(new Error(hp));
    this.#servers.push(target);
    return new Promise((resolve, reject) => {
      target.once('error', (e: NodeJS.ErrnoException) =>
        reject(
          new ListenError(
            e.code ?? 'ERROR',
            hp.host,
            hp.port,
            transport === 'tls' ? 'TACACS+/TLS' : 'TACACS+',
          ),
        ),
      );
      target.listen({ host: hp.host, port: hp.port, ipv6Only: hp.host.includes(':') }, () => {
        const a = target.address();
        const port = typeof a === 'object' && a ? a.port : hp.port;
        resolve({ service, transport, address: hp.host, port });
      });
    });
  }

  /** Refuses unknown clients and over-limit connections before anything else (TLS: before the handshake). */
  #screen(s: Socket, transport: 'tcp' | 'tls'): DeviceMatch | undefined {
    const addr = s.remoteAddress ?? '';
    const device = this.ctx.policy().device(addr);
    if (!device) {
      this.#traceConn(
        s,
        transport,
        `unknown client ${normalise(addr)}: no device matches; connection closed`,
      );
      s.destroy();
      return undefined;
    }
    if (this.#conns.size >= this.#config().maxConnections) {
      this.#traceConn(
        s,
        transport,
        `connection limit (${this.#config().maxConnections}) reached: connection from ${normalise(addr)} refused`,
      );
      s.destroy();
      return undefined;
    }
    return device;
  }

  #accept(s: Socket | TLSSocket, transport: 'tcp' | 'tls'): void {
    // TCP is screened here; TLS was screened on the raw socket, before the handshake.
    const device =
      transport === 'tcp' ? this.#screen(s, transport) : this.ctx.policy().device(s.remoteAddress ?? '');
    if (!device || s.destroyed) return void s.destroy();
    const conn = new TacacsConnection(
      s,
      { ctx: this.ctx, device, transport, local: local(s), remote: remote(s), config: this.#config() },
      (c) => {
        if (this.#conns.delete(c)) this.ctx.metrics.tacacsConnections.dec();
      },
    );
    this.#conns.add(conn);
    this.ctx.metrics.tacacsConnections.inc();
  }

  #traceConn(s: Socket, transport: 'tcp' | 'tls', diagnosis: string): void {
    this.ctx.trace.append({
      protocol: 'tacacs',
      direction: 'in',
      transport,
      local: local(s),
      remote: remote(s),
      role: 'server',
      summary: 'connection refused',
      result: 'drop',
      bytes: new Uint8Array(0),
      diagnosis,
    });
  }
}

const normalise = (a: string): string => a.replace(/^::ffff:/, '');
const local = (s: Socket): Endpoint => ({ address: normalise(s.localAddress ?? ''), port: s.localPort ?? 0 });
const remote = (s: Socket): Endpoint => ({
  address: normalise(s.remoteAddress ?? ''),
  port: s.remotePort ?? 0,
});
