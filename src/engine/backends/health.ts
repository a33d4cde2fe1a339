import type { BackendHealth as HealthRow } from '../../contract/backends';
import type { AuthBackend, BackendResult } from './types';

/** A backend that can check itself without a user (LDAP service bind, OIDC discovery, Okta token). */
export interface Probe {
  probe(): Promise<BackendResult>;
}

const hasProbe = (b: AuthBackend): b is AuthBackend & Probe =>
  typeof (b as Partial<Probe>).probe === 'function';

/** Bound on what a stored error may hold (a directory's message can be long). */
const MAX_ERROR = 500;

/**
 * Each backend's health: reachable or not, last latency, last error (already masked by the backend),
 * from checks (periodic and on demand) and from real logins. Keyed by name; a lab reload keeps the
 * history of a backend whose name and type stay and forgets the others.
 */
export class BackendHealthMonitor {
  readonly #rows = new Map<string, HealthRow>();
  #timer?: NodeJS.Timeout;
  #running?: Promise<HealthRow[]>;

  constructor(
    private readonly backends: () => readonly AuthBackend[],
    private readonly intervalS: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Wraps a backend that needs I/O so real logins count too (the local backend stays unwrapped: its synchronous path is the hot path). */
  observe(b: AuthBackend): AuthBackend {
    if (b.type === 'local') return b;
    const record = (r: BackendResult, kind: 'login' | 'lookup'): BackendResult => {
      this.#record(b, r, kind);
      return r;
    };
    return Object.assign(Object.create(b) as AuthBackend, {
      authenticate: (...a: Parameters<AuthBackend['authenticate']>) =>
        b.authenticate(...a).then((r) => record(r, 'login')),
      lookup: (u: string) => b.lookup(u).then((r) => record(r, 'lookup')),
      close: () => b.close(),
      ...(hasProbe(b) ? { probe: () => b.probe() } : {}),
    });
  }

  list(): HealthRow[] {
    return this.backends().map((b) => this.#row(b));
  }

  /** Checks now (one backend by name, or all); concurrent calls share the run in progress. */
  async check(name?: string): Promise<HealthRow[]> {
    const targets = this.backends().filter((b) => name === undefined || b.name === name);
    if (name === undefined)
      return (this.#running ??= this.#checkAll(targets).finally(() => (this.#running = undefined)));
    await Promise.all(targets.map((b) => this.#checkOne(b)));
    return this.list();
  }

  /** Periodic checks every `intervalS` (read each time, so a reload takes effect); 0 turns them off. */
  start(): void {
    this.stop();
    const tick = (): void => {
      const s = this.intervalS();
      if (s <= 0) return;
      this.#timer = setTimeout(() => void this.check().finally(tick), s * 1000);
      this.#timer.unref();
    };
    void this.check().finally(tick);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #checkAll(targets: readonly AuthBackend[]): Promise<HealthRow[]> {
    await Promise.all(targets.map((b) => this.#checkOne(b)));
    return this.list();
  }

  async #checkOne(b: AuthBackend): Promise<void> {
    const t0 = performance.now();
    let r: BackendResult;
    try {
      r = hasProbe(b)
        ? await b.probe()
        : { status: 'allow', groups: [], reasons: [`${b.name}: answers without I/O`], ms: 0 };
    } catch (e) {
      r = { status: 'error', groups: [], reasons: [`${b.name}: ${(e as Error).message}`], ms: 0 };
    }
    const row = this.#row(b);
    const ok = r.status === 'allow';
    row.reachable = ok;
    row.checkedAt = this.now();
    row.latencyMs = Math.round(performance.now() - t0);
    row.detail = (r.reasons.at(-1) ?? '').slice(0, MAX_ERROR);
    if (!ok) {
      row.lastError = row.detail;
      row.lastErrorAt = row.checkedAt;
    }
  }

  #record(b: AuthBackend, r: BackendResult, kind: 'login' | 'lookup'): void {
    const row = this.#row(b);
    const at = this.now();
    row.lastAuth = { at, kind, status: r.status, ms: r.ms };
    if (r.status === 'error') {
      row.reachable = false;
      row.lastError = (r.reasons.at(-1) ?? 'error').slice(0, MAX_ERROR);
      row.lastErrorAt = at;
    } else {
      row.reachable = true;
      row.latencyMs = r.ms;
    }
  }

  #row(b: AuthBackend): HealthRow {
    let row = this.#rows.get(b.name);
    if (!row || row.type !== b.type) this.#rows.set(b.name, (row = { name: b.name, type: b.type }));
    // Forget backends the lab no longer has (bounded by the lab's list).
    if (this.#rows.size > this.backends().length)
      for (const k of [...this.#rows.keys()])
        if (!this.backends().some((x) => x.name === k)) this.#rows.delete(k);
    return row;
  }
}
