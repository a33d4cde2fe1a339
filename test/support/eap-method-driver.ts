import type { Decision } from '../../src/engine/policy/decision';
import type {
  EapMethodContext,
  EapMethodSession,
  EapPolicy,
  EapTlsSettings,
  InnerMessage,
  MethodStep,
} from '../../src/engine/radius/eap/method';
import type { TlsPeer } from './tls-peer';

/** Runs one method session against a TlsPeer until success or failure (or the round cap). */
export async function drive(
  session: EapMethodSession,
  peer: TlsPeer,
  maxRounds = 200,
): Promise<{ end: Extract<MethodStep, { kind: 'success' | 'failure' }>; rounds: number }> {
  let step = await session.start();
  for (let rounds = 1; rounds <= maxRounds; rounds++) {
    if (step.kind !== 'request') return { end: step, rounds };
    step = await session.step(await peer.respond(step.typeData));
  }
  throw new Error(`no end after ${maxRounds} rounds`);
}

export function allow(user: string, reasons: string[] = [`user ${user} allowed`]): Decision {
  return { allow: true, reasons, user, groups: [], avPairs: [], radiusReply: [] };
}

/** A context whose policy is a lab-like function of the test's choosing; inner messages collected. */
export function testContext(
  tls: EapTlsSettings | undefined,
  policy: Partial<EapPolicy>,
  outerIdentity = 'anonymous',
): EapMethodContext & { inners: InnerMessage[] } {
  const inners: InnerMessage[] = [];
  return {
    outerIdentity,
    tls,
    inners,
    inner: (m) => inners.push(m),
    identifier: () => 0,
    policy: {
      authenticate: policy.authenticate ?? (() => Promise.reject(new Error('authenticate not expected'))),
      authorizeIdentity:
        policy.authorizeIdentity ?? (() => Promise.reject(new Error('authorizeIdentity not expected'))),
    },
  };
}
