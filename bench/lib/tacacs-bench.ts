import { encodePacket } from '../../src/engine/tacacs/packet';

export const KEY = 'testing123';

/** A PAP START for alice (the fixture's user); `sessionId` varies the obfuscation pad. */
export function papStart(sessionId: number, flags = 0): Buffer {
  return encodePacket(
    { major: 0xc, minor: 1, seqNo: 1, flags, sessionId },
    {
      kind: 'authen-start',
      action: 1,
      privLvl: 1,
      authenType: 2,
      service: 1,
      user: 'alice',
      port: 'tty0',
      remAddr: '',
      data: Buffer.from('alice-pass'),
    },
    KEY,
  );
}
