import { performance } from 'node:perf_hooks';
import type { BackendChallenge, BackendResult } from '../backends/types';
import { deny, type Decision } from './decision';

const ms = (t0: number): string => `${(performance.now() - t0).toFixed(1)} ms`;

/**
 * A second factor a backend checks itself (Okta: MFA_REQUIRED with a TOTP factor): the first factor's
 * decision becomes pending, and the protocol asks for the code the same way as for a local TOTP
 * (TACACS+ GETDATA with echo off, RADIUS Access-Challenge with State).
 */
export function backendChallenge(
  steps: string[],
  user: string,
  backend: string | undefined,
  c: BackendChallenge,
): Decision {
  return deny([...steps, `factor 2: ${c.factor} code requested`], {
    user,
    backend,
    pending: { factor: 'backend', prompt: c.prompt, askedAt: performance.now(), answer: c.answer },
  });
}

/** The code handed to the backend; the reasons say how long the user took and what the backend said. */
export async function completeBackendFactor(
  pending: Decision,
  code: string,
  answer: (code: string) => Promise<BackendResult>,
  grant: (user: string, steps: string[], groups: readonly string[]) => Decision,
): Promise<Decision> {
  const askedAt = pending.pending?.askedAt;
  const head = pending.reasons.slice(0, -1);
  const factor = /^factor 2: (.*) code requested$/.exec(pending.reasons.at(-1) ?? '')?.[1] ?? 'code';
  const answered = `factor 2: ${factor} code answered${askedAt === undefined ? '' : ` after ${ms(askedAt)}`}`;
  const t0 = performance.now();
  let r: BackendResult;
  try {
    r = await answer(code.trim());
  } catch (e) {
    r = { status: 'error', groups: [], reasons: [(e as Error).message], ms: 0 };
  }
  const checked = `checked in ${ms(t0)}`;
  const user = pending.user ?? '';
  if (r.status !== 'allow')
    return deny([...head, answered, ...r.reasons, `factor 2 failed (${checked})`, 'authentication failed'], {
      user,
      backend: pending.backend,
    });
  return grant(user, [...head, answered, ...r.reasons, `factor 2 ok (${checked})`], r.groups);
}
