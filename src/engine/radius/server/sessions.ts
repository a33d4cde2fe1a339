import { BoundedMap } from '../../bounded';

/**
 * Live accounting sessions by Acct-Session-Id (Start/Interim add, Stop removes, Accounting-On/Off from a
 * NAS clear that NAS's sessions). The CoA responder's `unknownSession` rule and the Live sessions view
 * read it. At most `max` (the oldest sessions go first).
 */
export interface LiveSession {
  sessionId: string;
  nasAddress: string;
  device?: string;
  username?: string;
  framedIp?: string;
  startedAt: number;
  updatedAt: number;
}

export class LiveSessions {
  readonly #byId: BoundedMap<string, LiveSession>;

  constructor(max = 100_000) {
    this.#byId = new BoundedMap(max);
  }

  update(status: string, s: Omit<LiveSession, 'startedAt' | 'updatedAt'>, now = Date.now()): void {
    if (status === 'on' || status === 'off') return this.clearNas(s.nasAddress);
    if (!s.sessionId) return;
    if (status === 'stop') {
      this.#byId.delete(s.sessionId);
      return;
    }
    if (status !== 'start' && status !== 'interim') return;
    const prev = this.#byId.get(s.sessionId);
    this.#byId.set(s.sessionId, { ...prev, ...s, startedAt: prev?.startedAt ?? now, updatedAt: now });
  }

  clearNas(nasAddress: string): void {
    for (const [k, v] of this.#byId) if (v.nasAddress === nasAddress) this.#byId.delete(k);
  }

  has(sessionId: string): boolean {
    return this.#byId.has(sessionId);
  }

  list(): LiveSession[] {
    return [...this.#byId.values()];
  }

  get size(): number {
    return this.#byId.size;
  }
}
