import { authenticatorResponseFromHash, challengeHash, matchNtResponse } from '../../../crypto/mschap';
import { randomBuffer, randomByte } from '../../../crypto/random-pool';
import { deny, type Decision } from '../../../policy/decision';
import type { EapPolicy } from '../method';
import {
  decodePeerMessage,
  encodeChallenge,
  encodeFailure,
  encodeSuccess,
  MschapV2Error,
} from './mschapv2-codec';

/** What LDAP and OIDC answer to a challenge credential (see backends/ldap.ts, backends/oidc.ts). */
const NEEDS_CLEARTEXT = /cannot check CHAP\/MS-CHAP/;

/** Appended when a directory backend could not check MS-CHAPv2: the "why?" for the engineer. */
export const MSCHAPV2_NEEDS_LOCAL =
  "MS-CHAPv2 proves the password through its NT hash and never sends it, so only a backend holding the password itself (the lab's local users) can check it; LDAP and OIDC can only check a cleartext password: give the user a local password, or use TTLS-PAP or EAP-GTC";

export type InnerOutcome = { kind: 'send'; typeData: Buffer } | { kind: 'done'; decision: Decision };

/**
 * The server side of EAP-MSCHAPv2 inside a tunnel (RFC 2759 over draft-kamath): Challenge →
 * Response (checked by the lab's backends) → Success with the authenticator response, or Failure
 * → the peer's acknowledgement.
 */
export class MschapV2Inner {
  private readonly authChallenge = randomBuffer(16);
  private readonly id = randomByte();
  private state: 'challenge' | 'success' | 'failure' | 'done' = 'challenge';
  private decision: Decision | undefined;

  constructor(
    private readonly policy: EapPolicy,
    private readonly identity: string,
    private readonly serverName = 'aaa-lab',
  ) {}

  challenge(): Buffer {
    return encodeChallenge(this.id, this.authChallenge, this.serverName);
  }

  async handle(typeData: Buffer): Promise<InnerOutcome> {
    let msg;
    try {
      msg = decodePeerMessage(typeData);
    } catch (e) {
      if (!(e instanceof MschapV2Error)) throw e;
      return { kind: 'done', decision: deny([`EAP-MSCHAPv2: ${e.message}`]) };
    }
    if (this.state === 'challenge' && msg.op === 'response') return this.verify(msg.response);
    if (this.state === 'success' && msg.op === 'success-ack') {
      this.state = 'done';
      return { kind: 'done', decision: this.decision! };
    }
    if (this.state === 'failure' && msg.op === 'failure-ack') {
      this.state = 'done';
      return { kind: 'done', decision: this.decision! };
    }
    return { kind: 'done', decision: deny([`EAP-MSCHAPv2: unexpected ${msg.op} in state ${this.state}`]) };
  }

  private async verify(r: {
    id: number;
    peerChallenge: Buffer;
    ntResponse: Buffer;
    name: string;
  }): Promise<InnerOutcome> {
    // RFC 2759 §8.2: the hash covers the user name without a "DOMAIN\" prefix, as Windows sends it.
    const name = r.name.includes('\\') ? r.name.slice(r.name.lastIndexOf('\\') + 1) : r.name;
    // RFC 2759 §8.1 GenerateNTResponse, checked: ChallengeHash does not depend on the password, and
    // the NT hash of the one that matched also makes the authenticator response (§8.7).
    const challenge = challengeHash(r.peerChallenge, this.authChallenge, name);
    let passwordHash: Buffer | undefined;
    const d = await this.policy.authenticate(this.identity, {
      kind: 'challenge',
      method: 'MS-CHAPv2',
      verify: (clear) => (passwordHash = matchNtResponse(challenge, clear, r.ntResponse)) !== undefined,
    });
    if (d.allow && passwordHash !== undefined) {
      const s = authenticatorResponseFromHash(passwordHash, r.ntResponse, challenge);
      this.state = 'success';
      this.decision = d;
      return { kind: 'send', typeData: encodeSuccess(this.id, s, 'Welcome') };
    }
    const reasons = d.allow
      ? [...d.reasons, 'no password was checked, so no MS-CHAPv2 success can be proven']
      : [...d.reasons]; // a copy: Policy's decisions are shared and frozen
    if (reasons.some((x) => NEEDS_CLEARTEXT.test(x))) reasons.push(MSCHAPV2_NEEDS_LOCAL);
    this.state = 'failure';
    this.decision = { ...d, allow: false, reasons };
    return { kind: 'send', typeData: encodeFailure(this.id, randomBuffer(16), 'Authentication failed') };
  }
}
