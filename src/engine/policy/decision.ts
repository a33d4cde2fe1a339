import type { BackendResult } from '../backends/types';

export type RadiusReplyValue = string | number;

/**
 * The outcome of every policy question. `reasons` is never empty and reads as a chain of steps.
 * Read-only: Policy hands the same frozen Decision (and group grant arrays) to every repeat of a
 * request; a variant is a copy (`{ ...d, reasons: [...] }`).
 */
export interface Decision {
  readonly allow: boolean;
  readonly reasons: readonly string[];
  readonly user?: string;
  readonly groups: readonly string[];
  readonly privLvl?: number;
  /** TACACS+ AV pairs to return on authorization ("priv-lvl=15"). */
  readonly avPairs: readonly string[];
  /** RADIUS reply attributes by dictionary name, in order. */
  readonly radiusReply: ReadonlyArray<readonly [string, RadiusReplyValue]>;
  /** Which backend answered (local, lab-directory, …). */
  readonly backend?: string;
  /**
   * The first factor passed and a second is due (allow is false until it is): the protocol asks for
   * it (TACACS+ GETDATA, RADIUS Access-Challenge) and hands the answer to Policy.completeFactor.
   */
  readonly pending?: PendingFactor;
}

export interface PendingFactor {
  /** totp: the lab's own (local users, policy/mfa.ts); backend: the backend checks the code (Okta). */
  factor: 'totp' | 'backend';
  /** What the device shows the user. */
  prompt: string;
  /** performance.now() when the code was asked for (the trace shows how long the user took). */
  askedAt: number;
  /** factor 'backend': hands the code to the backend that asked (see BackendChallenge). */
  answer?: (code: string) => Promise<BackendResult>;
}

/** "device lab-loopback (127.0.0.1/32) → user bob → group helpdesk → rule 2 `deny .*` matched …" */
export function explainLine(d: Pick<Decision, 'reasons'>): string {
  return d.reasons.join(' → ');
}

/** An allowing Decision with no grants beyond `extra` (e.g. an accounting record stored). */
export function allow(reasons: [string, ...string[]], extra: Partial<Decision> = {}): Decision {
  return { allow: true, reasons, groups: [], avPairs: [], radiusReply: [], ...extra };
}

export function deny(reasons: string[], extra: Partial<Decision> = {}): Decision {
  return {
    allow: false,
    reasons: reasons.length ? reasons : ['denied'],
    groups: [],
    avPairs: [],
    radiusReply: [],
    ...extra,
  };
}

/** "profile: Tunnel-Type=VLAN, Tunnel-Private-Group-Id=20": the reply attributes an accept carries. */
export function profileStep(reply: Decision['radiusReply']): string {
  if (!reply.length) return 'profile: no reply attributes';
  const shown = reply.slice(0, 8).map(([k, v]) => `${k}=${v}`);
  return `profile: ${shown.join(', ')}${reply.length > 8 ? `, … (${reply.length} attributes)` : ''}`;
}

/** profileStep per reply list (the policy's grants are frozen and shared: one text each). */
const profileSteps = new WeakMap<Decision['radiusReply'], string>();

/** The decision with its profile step before the verdict (EAP and MAB accepts: what the port gets). */
export function withProfile(d: Decision): Decision {
  if (!d.allow) return d;
  let step = profileSteps.get(d.radiusReply);
  if (step === undefined) {
    step = profileStep(d.radiusReply);
    // Only a frozen list cannot change after its text is made.
    if (Object.isFrozen(d.radiusReply)) profileSteps.set(d.radiusReply, step);
  }
  const n = d.reasons.length;
  const reasons = d.reasons.slice(0, Math.max(0, n - 1));
  reasons.push(step);
  if (n > 0) reasons.push(d.reasons[n - 1]!);
  return { ...d, reasons };
}
