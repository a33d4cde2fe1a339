import { createHash, createHmac, randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

// A minimal RADIUS client used only to put traffic on the wire for the trace e2e (the aaa-lab CLI
// has no `radius auth` command yet). RFC 2865 §3 packet format, §5.2 User-Password hiding;
// RFC 3579 §3.2 Message-Authenticator.

function attr(type: number, value: Buffer): Buffer {
  return Buffer.concat([Buffer.from([type, value.length + 2]), value]);
}

function hidePassword(password: string, secret: string, authenticator: Buffer): Buffer {
  const plain = Buffer.alloc(Math.max(16, Math.ceil(Buffer.byteLength(password) / 16) * 16));
  plain.write(password);
  const out = Buffer.alloc(plain.length);
  let prev = authenticator;
  for (let i = 0; i < plain.length; i += 16) {
    const b = createHash('md5').update(secret).update(prev).digest();
    for (let j = 0; j < 16; j++) out[i + j] = (plain[i + j] ?? 0) ^ (b[j] ?? 0);
    prev = out.subarray(i, i + 16);
  }
  return out;
}

export interface AccessRequest {
  host: string;
  port: number;
  secret: string;
  username: string;
  password: string;
  /** Source address; the fixture's device lab-loopback is 127.0.0.1/32. */
  source?: string;
  timeoutMs?: number;
}

/** An Access-Request (PAP, with Message-Authenticator) with the given Identifier. */
export function accessRequestPacket(r: Omit<AccessRequest, 'host' | 'port'>, id: number): Buffer {
  const authenticator = randomBytes(16);
  const body = Buffer.concat([
    attr(1, Buffer.from(r.username)),
    attr(2, hidePassword(r.password, r.secret, authenticator)),
    attr(4, Buffer.from([127, 0, 0, 1])),
    attr(80, Buffer.alloc(16)),
  ]);
  const length = 20 + body.length;
  const packet = Buffer.concat([Buffer.from([1, id, length >> 8, length & 0xff]), authenticator, body]);
  createHmac('md5', r.secret)
    .update(packet)
    .digest()
    .copy(packet, packet.length - 16);
  return packet;
}

/** Sends one Access-Request (PAP) and resolves with the reply's code (2 Accept, 3 Reject). */
export async function accessRequest(r: AccessRequest): Promise<{ code: number; id: number }> {
  const id = randomBytes(1)[0] ?? 0;
  const packet = accessRequestPacket(r, id);
  const socket = createSocket('udp4');
  try {
    await new Promise<void>((res) => socket.bind(0, r.source ?? '127.0.0.1', () => res()));
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no RADIUS reply from ${r.host}:${r.port}`)),
        r.timeoutMs ?? 3000,
      );
      socket.on('message', (msg) => {
        if (msg[1] !== id) return;
        clearTimeout(timer);
        resolve({ code: msg[0] ?? 0, id });
      });
      socket.send(packet, r.port, r.host);
    });
  } finally {
    socket.close();
  }
}
