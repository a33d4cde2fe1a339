import { Buffer } from 'node:buffer';
import { deny } from '../../../policy/decision';
import { EAP_TYPE, type EapMethodContext, type EapMethodSession, type MethodStep } from '../method';

const PROMPT = Buffer.from('Password: ');

/**
 * EAP-GTC (RFC 3748 §5.6): a prompt, the user's cleartext answer. Because the password arrives in
 * clear, every backend can check it (local, LDAP bind, OIDC password grant). Supplicants answer with
 * the password alone (wpa_supplicant) or "RESPONSE=<identity>\0<password>" (Cisco's EAP-FAST form).
 */
export function gtcMethod(ctx: EapMethodContext): EapMethodSession {
  let done = false;
  return {
    type: EAP_TYPE.GTC,
    name: 'EAP-GTC',
    start(): Promise<MethodStep> {
      return Promise.resolve({ kind: 'request', typeData: PROMPT, summary: 'GTC prompt "Password: "' });
    },
    async step(typeData: Buffer): Promise<MethodStep> {
      if (done) return { kind: 'failure', decision: deny(['EAP-GTC answered twice']) };
      done = true;
      const { user, password } = gtcAnswer(typeData, ctx.outerIdentity);
      const decision = await ctx.policy.authenticate(user, { kind: 'password', password });
      return decision.allow ? { kind: 'success', decision } : { kind: 'failure', decision };
    },
    close() {
      done = true;
    },
  };
}

/** The user and password of a GTC response (the "RESPONSE=" form names its own user). */
export function gtcAnswer(typeData: Buffer, identity: string): { user: string; password: string } {
  const text = typeData.toString('utf8');
  if (text.startsWith('RESPONSE=')) {
    const nul = text.indexOf('\0');
    if (nul > 0) return { user: text.slice(9, nul), password: text.slice(nul + 1) };
  }
  return { user: identity, password: text };
}
