import { performance } from 'node:perf_hooks';
import type { AuthBackend, BackendResult } from './types';

export interface BackendTestResult {
  backend: string;
  type: AuthBackend['type'];
  allow: boolean;
  status: BackendResult['status'];
  groups: string[];
  /** Wall time of the whole check as the caller saw it. */
  ms: number;
  /** Each step the backend took ("found uid=carol,…", "LDAP bind as … succeeded in 2 ms", …). */
  steps: string[];
}

/**
 * The GUI's "test" button: one PAP-style login against one backend, outside the chain, with every
 * step. The password (and a second factor's code) go to the backend only; never part of the answer.
 */
export async function testBackend(
  backend: AuthBackend,
  username: string,
  password: string,
  code?: string,
): Promise<BackendTestResult> {
  const t0 = performance.now();
  let r: BackendResult;
  try {
    r = await backend.authenticate(username, { kind: 'password', password }, 'login');
    if (r.status === 'challenge' && r.challenge) {
      const first = r.reasons;
      if (code) {
        const second = await r.challenge.answer(code);
        r = { ...second, reasons: [...first, ...second.reasons] };
      } else
        r = {
          ...r,
          reasons: [...first, `${backend.name}: ${r.challenge.factor} asks for a code: test again with it`],
        };
    }
  } catch (e) {
    r = { status: 'error', groups: [], reasons: [`${backend.name}: ${(e as Error).message}`], ms: 0 };
  }
  return {
    backend: backend.name,
    type: backend.type,
    allow: r.status === 'allow',
    status: r.status,
    groups: [...r.groups],
    ms: Math.round(performance.now() - t0),
    steps: r.reasons.length ? [...r.reasons] : [`${backend.name}: ${r.status}`],
  };
}
