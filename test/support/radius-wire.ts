import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { RadiusFramer } from '../../src/engine/radius/radsec/framing';
import { FIXTURE_DIR } from '../peers/radius-lab';

/** Sends datagrams to 127.0.0.1:port and collects what comes back within `waitMs`. */
export async function udpExchange(packets: Buffer[], port: number, waitMs = 150): Promise<Buffer[]> {
  const sock = createSocket('udp4');
  const replies: Buffer[] = [];
  sock.on('message', (m) => replies.push(m));
  await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
  for (const p of packets) await new Promise<void>((r) => sock.send(p, port, '127.0.0.1', () => r()));
  await new Promise((r) => setTimeout(r, waitMs));
  sock.close();
  return replies;
}

/**
 * Writes packets on one RadSec connection with the fixture client certificate and returns the replies;
 * the last packet should be one that is answered (the wait ends when its reply arrives).
 */
export async function radsecExchange(port: number, packets: Buffer[]): Promise<Buffer[]> {
  const sock = connect({
    host: '127.0.0.1',
    port,
    ca: readFileSync(`${FIXTURE_DIR}/tls/ca.pem`),
    cert: readFileSync(`${FIXTURE_DIR}/tls/client.pem`),
    key: readFileSync(`${FIXTURE_DIR}/tls/client.key`),
    servername: 'localhost',
    checkServerIdentity: () => undefined,
  });
  await new Promise<void>((r, j) => sock.once('secureConnect', () => r()).once('error', j));
  const framer = new RadiusFramer();
  const replies: Buffer[] = [];
  const lastId = packets.at(-1)![1];
  const done = new Promise<void>((r) =>
    sock.on('data', (c: Buffer) => {
      replies.push(...(framer.push(c) as Buffer[]));
      if (replies.some((x) => x[1] === lastId)) r();
    }),
  );
  sock.write(Buffer.concat(packets));
  await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
  // Replies to earlier packets would have come before the last one's: the stream is in order.
  await new Promise((r) => setTimeout(r, 50));
  sock.destroy();
  return replies;
}
