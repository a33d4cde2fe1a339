import { createSocket } from 'node:dgram';
import { isIP, isIPv6 } from 'node:net';
import { connect, type ConnectionOptions } from 'node:tls';
import type { Endpoint } from '../../trace/types';
import { RadiusFramer } from '../radsec/framing';

/** How the client reaches a server: datagrams over UDP, or one RadSec TLS connection (RFC 6614). */
export interface ClientTransport {
  readonly kind: 'udp' | 'tls';
  send(bytes: Buffer): void;
  /** Our side of the socket (for the trace). */
  local(): Endpoint;
  close(): Promise<void>;
}

/** TLS material for RadSec: our client certificate and the CA that signs the server's certificate. */
export interface RadsecClientTls {
  ca: Buffer | string;
  cert: Buffer | string;
  key: Buffer | string;
  /** Name to verify in the server certificate (default: the host when it is a name; for an IP, its IP SANs). */
  servername?: string;
  /** Handshake timeout. Default 5000 ms. */
  connectTimeoutMs?: number;
}

export async function openUdp(
  host: string,
  port: number,
  onPacket: (b: Buffer) => void,
): Promise<ClientTransport> {
  const s = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  s.on('message', onPacket);
  s.on('error', () => {});
  await new Promise<void>((r) => s.bind(0, () => r()));
  return {
    kind: 'udp',
    send: (b) => s.send(b, port, host),
    local: () => {
      const a = s.address();
      return { address: a.address, port: a.port };
    },
    close: () => new Promise<void>((r) => s.close(() => r())),
  };
}

/**
 * RadSec (RFC 6614 §2.1-2.3): TLS ≥ 1.2 with mutual certificate authentication; packets framed by their
 * own Length field (§2.5). The server certificate must chain to `ca` and name the host.
 */
export async function openRadsec(
  host: string,
  port: number,
  tls: RadsecClientTls,
  onPacket: (b: Buffer) => void,
  onClose: (why: string) => void,
): Promise<ClientTransport> {
  const opts: ConnectionOptions = {
    host,
    port,
    ca: tls.ca,
    cert: tls.cert,
    key: tls.key,
    minVersion: 'TLSv1.2',
    rejectUnauthorized: true,
    // SNI must not be an IP address (RFC 6066 §3); Node then checks the IP against the certificate's SANs.
    servername: tls.servername ?? (isIP(host) ? undefined : host),
  };
  let sock: ReturnType<typeof connect>;
  try {
    sock = connect(opts);
  } catch (e) {
    // Node validates the certificate/key pair synchronously ("key values mismatch", bad PEM).
    throw new Error(`RadSec: cannot use the TLS material: ${(e as Error).message}`);
  }
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      sock.destroy();
      reject(
        new Error(`RadSec: no TLS handshake with ${host}:${port} within ${tls.connectTimeoutMs ?? 5000} ms`),
      );
    }, tls.connectTimeoutMs ?? 5000);
    sock.once('secureConnect', () => {
      clearTimeout(timer);
      resolve();
    });
    sock.once('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`RadSec: TLS connection to ${host}:${port} failed: ${e.message}`));
    });
  });
  const framer = new RadiusFramer();
  sock.on('data', (chunk: Buffer) => {
    const packets = framer.push(chunk);
    if (packets === 'invalid') {
      sock.destroy();
      onClose('the server sent a packet with an invalid Length (RFC 6614 §2.5): connection closed');
      return;
    }
    for (const p of packets) onPacket(p);
  });
  sock.on('error', () => {});
  sock.on('close', () => onClose('the server closed the RadSec connection'));
  return {
    kind: 'tls',
    send: (b) => void sock.write(b),
    local: () => ({ address: sock.localAddress ?? '', port: sock.localPort ?? 0 }),
    close: () =>
      new Promise<void>((r) => {
        if (sock.destroyed) return r();
        sock.once('close', () => r());
        sock.end();
        setTimeout(() => sock.destroy(), 1000).unref();
      }),
  };
}
