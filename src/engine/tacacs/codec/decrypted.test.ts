import { describe, expect, it } from 'vitest';
import { AuthenAction, AuthenService, AuthenType, Flags, HEADER_LENGTH } from './constants';
import { deobfuscatePacket } from './decrypted';
import { dissect } from './dissect';
import { encodeBody, encodePacket, type Body } from './packet';

const start: Body = {
  kind: 'authen-start',
  action: AuthenAction.LOGIN,
  privLvl: 1,
  authenType: AuthenType.PAP,
  service: AuthenService.LOGIN,
  user: 'alice',
  port: 'tty0',
  remAddr: '10.0.0.1',
  data: Buffer.from('alice-pass'),
};
const header = { major: 0xc, minor: 1, seqNo: 1, flags: 0, sessionId: 0x5fa28bb9 };
const wire = encodePacket(header, start, 'testing123');

describe('deobfuscatePacket: the "Decrypted TACACS+" bytes', () => {
  it('is the header plus the clear body, where the field tree points', () => {
    const r = deobfuscatePacket(wire, 'testing123');
    if (!r?.ok) throw new Error('expected a decrypted packet');
    expect(r.bytes.subarray(0, HEADER_LENGTH)).toEqual(wire.subarray(0, HEADER_LENGTH));
    expect(r.bytes.subarray(HEADER_LENGTH)).toEqual(encodeBody(start));
    const body = dissect(wire, 'testing123').nodes[1]!.children!;
    const at = (label: string) => {
      const n = body.find((x) => x.label === label)!;
      return r.bytes.subarray(n.offset, n.offset + n.length).toString();
    };
    expect(at('user')).toBe('alice');
    expect(at('rem_addr')).toBe('10.0.0.1');
    // The password field is reported for masking.
    const data = body.find((x) => x.label === 'data')!;
    expect(r.secretSpans).toEqual([{ offset: data.offset, length: 10 }]);
    expect(at('data')).toBe('alice-pass');
  });

  it('a wrong key gives no bytes, only the reason', () => {
    expect(deobfuscatePacket(wire, 'wrong-key')).toEqual({
      ok: false,
      reason: 'the body does not decode with this key',
    });
  });

  it('a packet sent in clear has nothing to decrypt', () => {
    const clear = encodePacket({ ...header, flags: Flags.UNENCRYPTED }, start, undefined);
    expect(deobfuscatePacket(clear, 'testing123')).toBeUndefined();
    expect(deobfuscatePacket(wire.subarray(0, 8), 'testing123')).toBeUndefined();
  });
});
