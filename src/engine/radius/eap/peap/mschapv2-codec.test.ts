import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePeerMessage,
  decodeServerMessage,
  encodeAck,
  encodeChallenge,
  encodeFailure,
  encodeResponse,
  encodeSuccess,
  MSCHAPV2_OP,
  MschapV2Error,
} from './mschapv2-codec';

/** The peer's half of the EAP-MSCHAPv2 codec (the EAP test client) against the authenticator's half. */
describe('EAP-MSCHAPv2 codec, both directions', () => {
  const bytes = (n: number) => fc.uint8Array({ minLength: n, maxLength: n }).map((a) => Buffer.from(a));
  const name = fc.string({ maxLength: 64 });

  it('Challenge: what the server encodes, the peer decodes', () => {
    fc.assert(
      fc.property(fc.nat({ max: 255 }), bytes(16), name, (id, challenge, server) => {
        const m = decodeServerMessage(encodeChallenge(id, challenge, server));
        expect(m).toEqual({ op: 'challenge', id, challenge, name: server });
      }),
    );
  });

  it('Response: what the peer encodes, the server decodes (MS-Length counts from the OpCode)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 255 }), bytes(16), bytes(24), name, (id, peer, nt, user) => {
        const wire = encodeResponse(id, peer, nt, user);
        expect(wire.readUInt16BE(3)).toBe(wire.length - 1);
        const m = decodePeerMessage(wire);
        expect(m).toEqual({
          op: 'response',
          response: { id, peerChallenge: peer, ntResponse: nt, flags: 0, name: user },
        });
      }),
    );
  });

  it('Success, Failure and the acknowledgements', () => {
    expect(decodeServerMessage(encodeSuccess(7, 'S=AB', 'ok'))).toEqual({
      op: 'success',
      id: 7,
      message: 'S=AB M=ok',
    });
    expect(decodeServerMessage(encodeFailure(8, Buffer.alloc(16), 'no'))).toMatchObject({
      op: 'failure',
      id: 8,
    });
    expect(decodePeerMessage(encodeAck(MSCHAPV2_OP.Success))).toEqual({ op: 'success-ack' });
    expect(decodePeerMessage(encodeAck(MSCHAPV2_OP.Failure))).toEqual({ op: 'failure-ack' });
  });

  it("the authenticator's messages byte for byte (draft-kamath §2: MS-Length counts from the OpCode)", () => {
    const challenge = Buffer.alloc(16, 0xab);
    expect(encodeChallenge(5, challenge, 'é').toString('hex')).toBe(
      '1a0105' + '0017' + '10' + 'ab'.repeat(16) + 'c3a9',
    );
    expect(encodeSuccess(6, 'S=AB', 'ok').toString('hex')).toBe(
      '1a0306' + '000d' + Buffer.from('S=AB M=ok').toString('hex'),
    );
    const failure = encodeFailure(7, Buffer.alloc(16, 1), 'no');
    const text = `E=691 R=0 C=${'01'.repeat(16)} V=3 M=no`;
    expect(failure.subarray(0, 5).toString('hex')).toBe(
      `1a0407${(4 + text.length).toString(16).padStart(4, '0')}`,
    );
    expect(failure.subarray(5).toString()).toBe(text);
  });

  it('hostile server messages are refused with a reason, never thrown as anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (a) => {
        try {
          decodeServerMessage(Buffer.from(a));
        } catch (e) {
          expect(e).toBeInstanceOf(MschapV2Error);
        }
      }),
    );
    expect(() => decodeServerMessage(Buffer.of(26, 1, 1, 0, 8, 8, 1, 2))).toThrow(/Value-Size 8/);
  });
});
