import { createSocket, type RemoteInfo, type Socket, type SocketOptions } from 'node:dgram';
import { lookup } from 'node:dns';
import { isIP, isIPv6 } from 'node:net';
import { parseHostPort, type HostPort } from '../../config/host-port';
import { ListenError } from '../../context';

/** Binds a UDP socket with a large receive buffer (the ~208 KiB default overflows under load). */
export async function bindUdp(
  hp: HostPort,
  receiveBufferBytes: number,
  service: string,
  onMessage: (msg: Buffer, rinfo: RemoteInfo, sock: Socket) => void,
): Promise<Socket> {
  const sock = createSocket({ type: isIPv6(hp.host) ? 'udp6' : 'udp4', reuseAddr: false, lookup: literal });
  sock.on('message', (msg, rinfo) => onMessage(msg, rinfo, sock));
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException): void =>
      reject(new ListenError(e.code ?? 'EUNKNOWN', hp.host, hp.port, service));
    sock.once('error', onError);
    sock.bind(hp.port, hp.host, () => {
      sock.off('error', onError);
      resolve();
    });
  });
  try {
    sock.setRecvBufferSize(receiveBufferBytes);
  } catch {
    // The kernel caps it at net.core.rmem_max; the benchmark reports RcvbufErrors if that bites.
  }
  return sock;
}

/**
 * Replies go to the address a datagram came from, always an IP literal. dgram still "resolves" it
 * before each send, and dns.lookup answers a literal on the next tick: a deferral and a callback per
 * reply. This answers literals at once and leaves anything else to dns.lookup.
 */
const literal: NonNullable<SocketOptions['lookup']> = (hostname, options, callback) => {
  // The last literal's family is remembered: isIP runs a regular expression per call, and
  // consecutive replies mostly go to one client (an equal string compares in a few nanoseconds).
  const family = hostname === lastLiteral ? lastFamily : isIP(hostname);
  if (family === 0) return lookup(hostname, options, callback);
  lastLiteral = hostname;
  lastFamily = family;
  callback(null, hostname, family);
};
let lastLiteral = '';
let lastFamily = 0;

export function parseListen(list: readonly string[]): HostPort[] {
  return list.map((s) => {
    const r = parseHostPort(s);
    if (typeof r === 'string') throw new Error(r);
    return r;
  });
}

export function closeSocket(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    try {
      s.close(() => resolve());
    } catch {
      resolve();
    }
  });
}
