import { describe, expect, it } from 'vitest';
import { masterKeyOf } from './session-key';

/** SEQUENCE { INTEGER 1, INTEGER 0x0303, OCTET STRING cipher, OCTET STRING id, OCTET STRING key, … }
 * as i2d_SSL_SESSION writes it; `long` forces the long length form on the outer SEQUENCE. */
function session(id: Buffer, key: Buffer, long = false): Buffer {
  const tlv = (tag: number, v: Buffer) => Buffer.concat([Buffer.of(tag, v.length), v]);
  const body = Buffer.concat([
    tlv(0x02, Buffer.of(1)),
    tlv(0x02, Buffer.of(3, 3)),
    tlv(0x04, Buffer.of(0xc0, 0x2b)),
    tlv(0x04, id),
    tlv(0x04, key),
    tlv(0x02, Buffer.of(0x65)),
  ]);
  const head = long ? Buffer.of(0x30, 0x81, body.length) : Buffer.of(0x30, body.length);
  return Buffer.concat([head, body]);
}

describe('the master key of a serialised TLS session', () => {
  const key = Buffer.alloc(48, 7);

  it('is read past the version, cipher and session ID, whatever the ID', () => {
    expect(masterKeyOf(session(Buffer.alloc(32, 1), key))).toEqual(key);
    expect(masterKeyOf(session(Buffer.alloc(0), key, true))).toEqual(key);
  });

  it('is undefined for anything else: no key rather than a wrong one', () => {
    const good = session(Buffer.alloc(32, 1), key);
    expect(masterKeyOf(Buffer.alloc(0))).toBeUndefined();
    expect(masterKeyOf(good.subarray(0, 40))).toBeUndefined();
    const wrongTag = Buffer.from(good);
    wrongTag[2] = 0x04;
    expect(masterKeyOf(wrongTag)).toBeUndefined();
    const overlong = Buffer.from(good);
    overlong[1] = 0xff;
    expect(masterKeyOf(overlong)).toBeUndefined();
  });
});
