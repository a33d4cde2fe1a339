import { describe, expect, it } from 'vitest';
import { clientRandoms } from './tls-sessions';

/** A RADIUS Access-Request carrying `eap` in EAP-Message attributes of at most 253 bytes. */
function radius(eap: Buffer): Uint8Array {
  const attrs: Buffer[] = [];
  for (let i = 0; i < eap.length; i += 253) {
    const part = eap.subarray(i, i + 253);
    attrs.push(Buffer.concat([Buffer.of(79, part.length + 2), part]));
  }
  const body = Buffer.concat(attrs);
  const head = Buffer.alloc(20);
  head[0] = 1;
  head.writeUInt16BE(20 + body.length, 2);
  return Buffer.concat([head, body]);
}

const rnd = Buffer.alloc(32, 0x5a);
const hello = Buffer.concat([Buffer.of(0x16, 3, 1, 0, 200, 1, 0, 0, 196, 3, 3), rnd, Buffer.alloc(160)]);
const eap = (type: number, flags: number, tls: Buffer) =>
  Buffer.concat([Buffer.of(2, 7, 0, 0, type, flags), flags & 0x80 ? Buffer.alloc(4) : Buffer.alloc(0), tls]);
const rec = (bytes: Uint8Array, direction: 'in' | 'out' = 'in') => ({
  protocol: 'radius' as const,
  direction,
  bytes,
});

describe('clientRandoms', () => {
  it('finds the ClientHello random in PEAP, TTLS and EAP-TLS responses, with or without the L flag', () => {
    for (const [type, flags] of [
      [25, 0],
      [21, 0x80],
      [13, 0xc0],
    ])
      expect([...clientRandoms([rec(radius(eap(type!, flags!, hello)))])]).toEqual([rnd.toString('hex')]);
  });

  it('ignores requests, other EAP types, other TLS messages and cut or lying bytes', () => {
    const other = Buffer.from(hello);
    other[5] = 2; // ServerHello
    const lying = Buffer.from(radius(eap(25, 0, hello)));
    lying[21] = 255;
    expect(
      clientRandoms([
        rec(radius(eap(25, 0, hello)), 'out'),
        rec(radius(eap(4, 0, hello))),
        rec(radius(eap(25, 0, other))),
        rec(radius(eap(25, 0, hello.subarray(0, 30)))),
        rec(lying),
        rec(new Uint8Array(10)),
      ]).size,
    ).toBe(0);
  });
});
