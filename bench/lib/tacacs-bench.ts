import { AuthenStatus } from '../../src/engine/tacacs/codec/constants';
import { obfuscateInPlace } from '../../src/engine/tacacs/codec/obfuscation';
import { decodePacket, encodePacket } from '../../src/engine/tacacs/codec/packet';
import { readSamples, writePool } from './loadgen';

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

/**
 * Writes PAP STARTs as the C generator's pool file (bench/loadgen/tacacs.c), each followed by the
 * first byte of its reply's pad (session id, key, version, seq_no 2) so the generator can read the
 * reply's status without MD5.
 */
export function writeTacacsPool(path: string, pkts: Buffer[]): void {
  const pads = Uint8Array.from(pkts, (p) => {
    const b = Buffer.alloc(1);
    obfuscateInPlace(b, 0, 1, p.readUInt32BE(4), KEY, p[0]!, 2);
    return b[0]!;
  });
  writePool(path, pkts.length, pkts, pads);
}

/** Decodes the replies the C generator sampled with the key: PASS for the session it was sent in. */
export function checkTacacsSamples(file: string, pkts: Buffer[]): { checked: number; bad: number } {
  let checked = 0;
  let bad = 0;
  for (const { head, reply } of readSamples(file, 1)) {
    checked++;
    const p = decodePacket(reply, KEY);
    const pass = 'status' in p.body && p.body.status === AuthenStatus.PASS;
    if (!pass || p.header.sessionId !== pkts[head[0]!]!.readUInt32BE(4)) bad++;
  }
  return { checked, bad };
}
