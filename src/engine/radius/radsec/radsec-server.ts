import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { EngineContext, ListenerInfo, Service } from '../../context';
import { ListenError } from '../../context';
import type { CoaResponder } from '../coa/coa-responder';
import { RadiusCore } from '../server/core';
import { parseListen } from '../server/udp';
import type { LiveSessions } from '../server/sessions';
import { RadiusFramer } from './framing';

/**
 * RadSec (RFC 6614): RADIUS over TLS with client certificates, the fixed secret "radsec" (radius.radsec.secret),
 * Access, Accounting and CoA/Disconnect over one connection, all through the same RadiusCore.
 */
export class RadsecServer implements Service {
  readonly name = 'radsec';
  readonly core: RadiusCore;
  #servers: Server[] = [];
  readonly #sockets = new Set<TLSSocket>();

  constructor(
    private readonly ctx: EngineContext,
    coa?: CoaResponder,
    sessions?: LiveSessions,
  ) {
    this.core = new RadiusCore(
      ctx,
      coa ? (m, inb, secret, device) => coa.respond(m, inb, secret, device) : undefined,
      sessions,
    );
  }

  async start(): Promise<ListenerInfo[]> {
    const lab = this.ctx.lab();
    const cfg = lab.config.radius?.radsec;
    const tls = lab.tls.radsec;
    if (!cfg || !tls) return [];
    const out: ListenerInfo[] = [];
    for (const hp of parseListen(cfg.listen)) {
      const server = createServer(
        {
          cert: tls.cert,
          key: tls.key,
          ca: tls.ca,
          requestCert: true,
          rejectUnauthorized: true,
          minVersion: 'TLSv1.2',
        },
        (s) => this.#onConnection(s, cfg.secret),
      );
      await new Promise<void>((resolve, reject) => {
        server.once('error', (e: NodeJS.ErrnoException) =>
          reject(new ListenError(e.code ?? 'EUNKNOWN', hp.host, hp.port, 'radsec')),
        );
        server.listen(hp.port, hp.host, () => resolve());
      });
      this.#servers.push(server);
      const a = server.address();
      if (a && typeof a === 'object')
        out.push({ service: 'radsec', transport: 'tls', address: a.address, port: a.port });
    }
    return out;
  }

  async stop(): Promise<void> {
    for (const s of this.#sockets) s.destroy();
    this.#sockets.clear();
    const servers = this.#servers;
    this.#servers = [];
    await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
    this.core.close();
  }

  #onConnection(
    sock: TLSSocket,
    secret: NonNullable<
      NonNullable<ReturnType<EngineContext['lab']>['config']['radius']>['radsec']
    >['secret'],
  ): void {
    this.#sockets.add(sock);
    sock.on('close', () => this.#sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    sock.setTimeout(600_000, () => sock.destroy());
    const framer = new RadiusFramer();
    const local = { address: sock.localAddress ?? '', port: sock.localPort ?? 0 };
    const remote = { address: sock.remoteAddress ?? '', port: sock.remotePort ?? 0 };
    sock.on('data', (chunk: Buffer) => {
      const packets = framer.push(chunk);
      if (packets === 'invalid') {
        this.ctx.metrics.radiusDropped.inc({ reason: 'malformed' });
        this.ctx.trace.append({
          protocol: 'radsec',
          direction: 'in',
          transport: 'tls',
          local,
          remote,
          role: 'server',
          summary: `RadSec stream from ${remote.address} has an invalid Length: connection closed`,
          result: 'drop',
          bytes: chunk.subarray(0, 64),
        });
        sock.destroy();
        return;
      }
      for (const bytes of packets) {
        this.core.handleGuarded(
          {
            bytes,
            local,
            remote,
            transport: 'tls',
            listener: 'radsec',
            fixedSecret: secret,
            send: (r) => void sock.write(r),
          },
          (e) => this.ctx.log.error('radsec: request failed', { error: (e as Error).message }),
        );
      }
    });
  }
}
