import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { unhideSalted } from '../../src/engine/radius/codec/hiding';
import { decodeMessage, getAll, getAvp } from '../../src/engine/radius/codec/message';
import { randomAuthenticator, secretBytes, signRequest } from '../../src/engine/radius/codec/sign';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { decodeEap, encodeEap } from '../../src/engine/radius/eap/codec';
import { METHOD_FACTORIES } from '../../src/engine/radius/eap/methods';
import type { EapMethodFactory } from '../../src/engine/radius/eap/method';
import { startTestEngine, type TestEngine } from '../support/engine';

/**
 * The MPPE keys of an Access-Accept, from a method's MSK (RFC 2548 §2.4.2-3 salt-encrypted with the
 * Request Authenticator; Recv-Key = MSK[0..31], Send-Key = MSK[32..63] as hostapd and eapol_test
 * read them). A keyed method stands in for md5 here: the password methods derive no MSK, and the
 * TLS methods' own eapol_test runs check "MPPE keys OK" end to end.
 */
const MSK = Buffer.from(Array.from({ length: 64 }, (_, i) => i));
const keyed: EapMethodFactory = (ctx) => ({
  type: 4,
  name: 'keyed test method',
  start: () => Promise.resolve({ kind: 'request', typeData: Buffer.of(0) }),
  step: async (data) => {
    const decision = await ctx.policy.authenticate(ctx.outerIdentity, {
      kind: 'password',
      password: data.toString(),
    });
    return decision.allow ? { kind: 'success', decision, msk: MSK } : { kind: 'failure', decision };
  },
  close: () => undefined,
});

describe('MS-MPPE keys in the EAP Access-Accept', () => {
  const dict = bundledDictionary().dictionary;
  const secret = secretBytes('testing123');
  let t: TestEngine;
  const real = METHOD_FACTORIES.md5;

  beforeAll(async () => {
    METHOD_FACTORIES.md5 = keyed;
    t = await startTestEngine({
      lab: 'lab-eap.yaml',
      ports: 'ephemeral',
      edit: (text) => text.replace(/methods: \[[^\]]*\]/, 'methods: [md5]'),
    });
  });
  afterAll(async () => {
    METHOD_FACTORIES.md5 = real;
    await t?.engine.stop();
  });

  async function exchange(eap: Buffer, rid: number, state?: Buffer) {
    const auth = randomAuthenticator();
    const attrs = [
      { name: 'User-Name', value: 'alice' },
      { name: 'EAP-Message', value: eap },
      ...(state ? [{ name: 'State', value: state }] : []),
    ];
    const sock = createSocket('udp4');
    const reply = new Promise<Buffer>((r) => sock.once('message', r));
    await new Promise<void>((r) => sock.bind(0, '127.0.0.1', () => r()));
    sock.send(
      signRequest(1, rid, buildAttributes(attrs, dict), secret, { authenticator: auth }),
      t.port('radius-auth'),
      '127.0.0.1',
    );
    const m = decodeMessage(await reply, dict);
    sock.close();
    return { m, auth, eap: decodeEap(Buffer.concat(getAll(m, 'EAP-Message').map((a) => a.raw))) };
  }

  it('Recv-Key is the first half of the MSK and Send-Key the second, salt-encrypted', async () => {
    const ch = await exchange(
      encodeEap({ code: 2, identifier: 0, type: 1, typeData: Buffer.from('alice') }),
      1,
    );
    expect(ch.m.code).toBe(11);
    const state = getAvp(ch.m, 'State')!.raw;
    const answer = encodeEap({
      code: 2,
      identifier: ch.eap.identifier,
      type: 4,
      typeData: Buffer.from('alice-pass'),
    });
    const { m, auth } = await exchange(answer, 2, state);
    expect(m.code).toBe(2);
    const recv = getAvp(m, 'MS-MPPE-Recv-Key')!.raw;
    const send = getAvp(m, 'MS-MPPE-Send-Key')!.raw;
    expect(recv[0]! & 0x80).toBe(0x80); // RFC 2548 §2.4.2: the salt's high bit is set
    expect(unhideSalted(recv, secret, auth)).toEqual(MSK.subarray(0, 32));
    expect(unhideSalted(send, secret, auth)).toEqual(MSK.subarray(32, 64));
    expect(getAvp(m, 'Tunnel-Private-Group-Id')?.display).toContain('20');
  });
});
