import type { UserConfig } from '../config/schema';
import type { Decision, RadiusReplyValue } from './decision';

interface Override {
  pairs: Decision['radiusReply'];
  names: Set<string>;
  step: string;
}

/**
 * Per-user RADIUS reply attributes (users[].radiusReply), which override the group's: an attribute
 * the user names replaces every value the groups gave it; the others stay. Built once per lab.
 */
export class UserReplies {
  readonly #byUser = new Map<string, Override>();

  constructor(users: readonly UserConfig[]) {
    for (const u of users) {
      const entries = Object.entries(u.radiusReply);
      if (!entries.length) continue;
      const pairs: [string, RadiusReplyValue][] = [];
      for (const [k, v] of entries) for (const one of Array.isArray(v) ? v : [v]) pairs.push([k, one]);
      const names = new Set(entries.map(([k]) => baseName(k)));
      const step = `user ${u.username}'s reply attributes: ${[...names].join(', ')} (over the group's)`;
      this.#byUser.set(u.username, { pairs, names, step });
    }
  }

  /** The decision with the user's attributes applied and said in the reasons, before the verdict. */
  apply(d: Decision): Decision {
    const o = d.user === undefined ? undefined : this.#byUser.get(d.user);
    if (!o || !d.allow) return d;
    const kept = d.radiusReply.filter(([k]) => !o.names.has(baseName(k)));
    const reasons = [...d.reasons.slice(0, -1), o.step, ...d.reasons.slice(-1)];
    return { ...d, reasons, radiusReply: [...kept, ...o.pairs] };
  }
}

/** "Tunnel-Private-Group-Id:1" (tagged, as FreeRADIUS writes it) names the same attribute. */
function baseName(k: string): string {
  return k.replace(/:\d{1,2}$/, '');
}
