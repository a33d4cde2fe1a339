import { Buffer } from 'node:buffer';
import { chapVerify } from '../../../crypto/chap';
import { randomBuffer } from '../../../crypto/random-pool';
import { deny } from '../../../policy/decision';
import { EAP_TYPE, type EapMethodContext, type EapMethodSession, type MethodStep } from '../method';

/**
 * EAP-MD5 (RFC 3748 §5.4): one challenge, Response Value = MD5(Identifier ‖ password ‖ challenge),
 * CHAP's computation (RFC 1994), so only a backend holding the cleartext (local users) can check it.
 * No keying material: switches accept it on wired ports, never for WPA.
 */
export function md5Method(ctx: EapMethodContext): EapMethodSession {
  const challenge = randomBuffer(16);
  let identifier = -1;
  let done = false;
  return {
    type: EAP_TYPE.MD5,
    name: 'EAP-MD5',
    start(): Promise<MethodStep> {
      identifier = ctx.identifier();
      // Value-Size(1) Value(16); no Name: the lab has no host name to offer.
      return Promise.resolve({
        kind: 'request',
        typeData: Buffer.concat([Buffer.of(16), challenge]),
        summary: 'MD5-Challenge',
      });
    },
    async step(typeData: Buffer): Promise<MethodStep> {
      if (done) return { kind: 'failure', decision: deny(['EAP-MD5 answered twice']) };
      done = true;
      const size = typeData[0];
      if (size === undefined || size !== 16 || typeData.length < 17)
        return {
          kind: 'failure',
          decision: deny([
            `EAP-MD5 response malformed: Value-Size ${size ?? 'missing'} in ${typeData.length} bytes (16 expected, RFC 3748 §5.4)`,
          ]),
        };
      const value = typeData.subarray(1, 17);
      const decision = await ctx.policy.authenticate(ctx.outerIdentity, {
        kind: 'challenge',
        method: 'EAP-MD5',
        verify: (clear) => chapVerify(identifier, clear, challenge, value),
      });
      return decision.allow ? { kind: 'success', decision } : { kind: 'failure', decision };
    },
    close() {
      done = true;
    },
  };
}
