/**
 * Live accounting sessions by Acct-Session-Id (Start/Interim add, Stop removes, Accounting-On/Off from a
 * NAS clear that NAS's sessions). The CoA responder's `unknownSession` rule and the Live sessions view
 * read it. Bounded: the oldest sessions go first.
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
  readonly #byId = new Map<string, LiveSession>();

  constructor(private readonly max = 100_000) {}

  update(status: string, s: Omit<LiveSession, 'startedAt' | 'updatedAt'>, now = Date.now()): void {
    if (status === 'on' || status === 'off') return this.clearNas(s.nasAddress);
    if (!s.sessionId) return;
    if (status === 'stop') {
      this.#byId.delete(s.sessionId);
      return;
    }
    if (status !== 'start' && status !== 'interim') return;
    const prev = this.#byId.get(s.sessionId);
    this.#byId.delete(s.sessionId);
    this.#byId.set(s.sessionId, { ...prev, ...s, startedAt: prev?.startedAt ?? now, updatedAt: now });
    if (this.#byId.size > this.max) this.#byId.delete(this.#byId.keys().next().value!);
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
