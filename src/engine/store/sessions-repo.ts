import type { Db } from './database';

/** An accounting session (TACACS+ task_id or RADIUS Acct-Session-Id) as AccountingRepo keeps it. */
export interface AcctSession {
  key: string;
  protocol: 'tacacs' | 'radius';
  device?: string;
  nasAddress: string;
  username?: string;
  sessionId: string;
  nasPort?: string;
  remoteAddress?: string;
  startedAt: number;
  updatedAt: number;
  stoppedAt?: number;
  records: number;
  /** Stop time (or now, for an open session) minus start, in ms. */
  durationMs: number;
  /** Octets from the last record: RADIUS Acct-Input/Output-Octets (+ Gigawords), TACACS+ bytes_in/out. */
  inputOctets?: number;
  outputOctets?: number;
  attributes: Record<string, string | string[]>;
}

export interface SessionQuery {
  /** 'open' (no stop yet), 'recent' (open or stopped within `recentMs`), 'all'. */
  state?: 'open' | 'recent' | 'all';
  recentMs?: number;
  user?: string;
  device?: string;
  protocol?: 'tacacs' | 'radius';
  limit?: number;
}

interface Row {
  key: string;
  protocol: 'tacacs' | 'radius';
  device: string | null;
  nas_address: string;
  username: string | null;
  session_id: string;
  nas_port: string | null;
  remote_address: string | null;
  started_at: number;
  updated_at: number;
  stopped_at: number | null;
  records: number;
  attributes: string;
}

/** Read side of acct_sessions (AccountingRepo writes it in the same transaction as the record). */
export class SessionsRepo {
  constructor(private readonly db: Db) {}

  list(q: SessionQuery = {}, now = Date.now()): AcctSession[] {
    const clauses: string[] = [];
    const params: Record<string, unknown> = {};
    const state = q.state ?? 'recent';
    if (state === 'open') clauses.push('stopped_at IS NULL');
    if (state === 'recent') {
      clauses.push('(stopped_at IS NULL OR stopped_at >= @since)');
      params.since = now - (q.recentMs ?? 15 * 60_000);
    }
    for (const [col, key, v] of [
      ['username', 'user', q.user],
      ['device', 'device', q.device],
      ['protocol', 'protocol', q.protocol],
    ] as const) {
      if (v === undefined || v === '') continue;
      clauses.push(`${col} = @${key}`);
      params[key] = v;
    }
    const limit = Math.min(Math.max(q.limit ?? 1000, 1), 10_000);
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db
      .prepare(`SELECT * FROM acct_sessions ${where} ORDER BY updated_at DESC LIMIT ${limit}`)
      .all(params) as Row[];
    return rows.map((r) => fromRow(r, now));
  }

  /** Retention: sessions that stopped before `time` (ms) go with their records. */
  deleteStoppedBefore(time: number): number {
    return this.db
      .prepare('DELETE FROM acct_sessions WHERE stopped_at IS NOT NULL AND stopped_at < ?')
      .run(time).changes;
  }

  /** Sessions still open (no stop) for the /metrics-style count and the dashboard. */
  openCount(): number {
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM acct_sessions WHERE stopped_at IS NULL').get() as {
        n: number;
      }
    ).n;
  }
}

function fromRow(r: Row, now: number): AcctSession {
  const attributes = JSON.parse(r.attributes) as Record<string, string | string[]>;
  return {
    key: r.key,
    protocol: r.protocol,
    device: r.device ?? undefined,
    nasAddress: r.nas_address,
    username: r.username ?? undefined,
    sessionId: r.session_id,
    nasPort: r.nas_port ?? undefined,
    remoteAddress: r.remote_address ?? undefined,
    startedAt: r.started_at,
    updatedAt: r.updated_at,
    stoppedAt: r.stopped_at ?? undefined,
    records: r.records,
    durationMs: (r.stopped_at ?? now) - r.started_at,
    inputOctets: octets(attributes, 'Acct-Input-Octets', 'Acct-Input-Gigawords', 'bytes_in'),
    outputOctets: octets(attributes, 'Acct-Output-Octets', 'Acct-Output-Gigawords', 'bytes_out'),
    attributes,
  };
}

/** RFC 2869 §5.1/5.2: Gigawords count the 2^32 wraps of the 32-bit octet counter. */
function octets(
  a: Record<string, string | string[]>,
  radius: string,
  giga: string,
  tacacs: string,
): number | undefined {
  const one = (k: string) => {
    const v = a[k];
    const s = Array.isArray(v) ? v.at(-1) : v;
    const n = s === undefined ? NaN : Number(s);
    return Number.isFinite(n) ? n : undefined;
  };
  const low = one(radius);
  if (low !== undefined) return low + (one(giga) ?? 0) * 2 ** 32;
  return one(tacacs);
}
