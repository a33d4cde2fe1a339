export type RadiusReplyValue = string | number;

/** The outcome of every policy question. `reasons` is never empty and reads as a chain of steps. */
export interface Decision {
  allow: boolean;
  reasons: string[];
  user?: string;
  groups: string[];
  privLvl?: number;
  /** TACACS+ AV pairs to return on authorization ("priv-lvl=15"). */
  avPairs: string[];
  /** RADIUS reply attributes by dictionary name, in order. */
  radiusReply: Array<[string, RadiusReplyValue]>;
  /** Which backend answered (local, lab-directory, …). */
  backend?: string;
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
