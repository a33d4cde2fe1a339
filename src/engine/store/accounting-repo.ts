import type { Db } from './database';
import type { AccountingInput, AccountingRecord, AccountingSink } from './types';

export interface AccountingQuery {
  from?: number;
  to?: number;
  user?: string;
  device?: string;
  command?: string;
  status?: string;
  protocol?: 'tacacs' | 'radius';
  sessionId?: string;
  /** Cursor: records with id < before (newest first). */
  before?: number;
  /** Cursor: records with id > after, oldest first (exports page forward with it; wins over before's order). */
  after?: number;
  limit?: number;
}

interface Row {
  id: number;
  protocol: 'tacacs' | 'radius';
  time: number;
  device: string | null;
  nas_address: string;
  username: string | null;
  session_id: string | null;
  status: AccountingInput['status'];
  command: string | null;
  nas_port: string | null;
  remote_address: string | null;
  attributes: string;
}

/** Accounting records and the sessions they open and close; one transaction per record. */
export class AccountingRepo implements AccountingSink {
  readonly #insert;
  readonly #upsertSession;
  readonly #tx;
  readonly #txMany;
  #queue: Array<{ record: AccountingInput; resolve(id: number): void; reject(e: unknown): void }> = [];
  /** Told after records are committed (the engine pushes "accounting.recorded" to the screens). */
  onCommitted?: () => void;

  constructor(private readonly db: Db) {
    this.#insert = db.prepare(
      `INSERT INTO accounting (protocol, time, device, nas_address, username, session_id, status, command, nas_port, remote_address, attributes)
       VALUES (@protocol, @time, @device, @nasAddress, @username, @sessionId, @status, @command, @nasPort, @remoteAddress, @attributes)`,
    );
    this.#upsertSession = db.prepare(
      `INSERT INTO acct_sessions (key, protocol, device, nas_address, username, session_id, nas_port, remote_address, started_at, updated_at, stopped_at, attributes)
       VALUES (@key, @protocol, @device, @nasAddress, @username, @sessionId, @nasPort, @remoteAddress, @time, @time, @stoppedAt, @attributes)
       ON CONFLICT(key) DO UPDATE SET updated_at = excluded.updated_at, records = records + 1,
         stopped_at = COALESCE(excluded.stopped_at, stopped_at), username = COALESCE(excluded.username, username),
         attributes = excluded.attributes`,
    );
    this.#tx = db.transaction((r: AccountingInput) => {
      const params = toParams(r);
      const id = Number(this.#insert.run(params).lastInsertRowid);
      if (
        r.sessionId &&
        (r.status === 'start' || r.status === 'stop' || r.status === 'interim' || r.status === 'watchdog')
      ) {
        this.#upsertSession.run({
          ...params,
          key: `${r.protocol}|${r.nasAddress}|${r.sessionId}`,
          stoppedAt: r.status === 'stop' ? r.time : null,
        });
      }
      return id;
    });
    this.#txMany = db.transaction((records: AccountingInput[]) => records.map((r) => this.#tx(r)));
  }

  /** See AccountingSink.commit: one transaction per event-loop turn instead of one per record. */
  commit(record: AccountingInput): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ record, resolve, reject });
      if (this.#queue.length === 1) setImmediate(() => this.#flush());
    });
  }

  #flush(): void {
    const batch = this.#queue;
    this.#queue = [];
    try {
      const ids = this.#txMany(batch.map((b) => b.record));
      batch.forEach((b, i) => b.resolve(ids[i]!));
      this.onCommitted?.();
    } catch {
      // The batch rolled back as a whole: retry one by one so a single bad record fails alone.
      for (const b of batch) {
        try {
          b.resolve(this.#tx(b.record));
        } catch (e) {
          b.reject(e);
        }
      }
      this.onCommitted?.();
    }
  }

  /** Returns once the record is committed: the protocol acknowledges only after this. */
  insert(record: AccountingInput): number {
    const id = this.#tx(record);
    this.onCommitted?.();
    return id;
  }

  query(q: AccountingQuery = {}): AccountingRecord[] {
    const { where, params } = buildWhere(q);
    const limit = Math.min(Math.max(q.limit ?? 500, 1), 10_000);
    const order = q.after !== undefined ? 'ASC' : 'DESC';
    const rows = this.db
      .prepare(`SELECT * FROM accounting ${where} ORDER BY id ${order} LIMIT ${limit}`)
      .all(params) as Row[];
    return rows.map(fromRow);
  }

  count(q: AccountingQuery = {}): number {
    const { where, params } = buildWhere({ ...q, before: undefined, after: undefined });
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM accounting ${where}`).get(params) as { n: number }).n;
  }

  /** Streams matching records oldest first without holding them in memory (exports). */
  *iterate(q: AccountingQuery = {}): Generator<AccountingRecord> {
    const { where, params } = buildWhere({ ...q, before: undefined });
    for (const row of this.db.prepare(`SELECT * FROM accounting ${where} ORDER BY id ASC`).iterate(params)) {
      yield fromRow(row as Row);
    }
  }

  deleteOlderThan(time: number): number {
    return this.db.prepare('DELETE FROM accounting WHERE time < ?').run(time).changes;
  }
}

function toParams(r: AccountingInput) {
  return {
    protocol: r.protocol,
    time: r.time,
    device: r.device ?? null,
    nasAddress: r.nasAddress,
    username: r.username ?? null,
    sessionId: r.sessionId ?? null,
    status: r.status,
    command: r.command ?? null,
    nasPort: r.nasPort ?? null,
    remoteAddress: r.remoteAddress ?? null,
    attributes: JSON.stringify(r.attributes),
  };
}

function fromRow(r: Row): AccountingRecord {
  return {
    id: r.id,
    protocol: r.protocol,
    time: r.time,
    device: r.device ?? undefined,
    nasAddress: r.nas_address,
    username: r.username ?? undefined,
    sessionId: r.session_id ?? undefined,
    status: r.status,
    command: r.command ?? undefined,
    nasPort: r.nas_port ?? undefined,
    remoteAddress: r.remote_address ?? undefined,
    attributes: JSON.parse(r.attributes) as AccountingRecord['attributes'],
  };
}

function buildWhere(q: AccountingQuery): { where: string; params: Record<string, unknown> } {
  const clauses: string[] = [];
  const params: Record<string, unknown> = {};
  const add = (sql: string, key: string, value: unknown) => {
    if (value === undefined || value === '') return;
    clauses.push(sql);
    params[key] = value;
  };
  add('time >= @from', 'from', q.from);
  add('time <= @to', 'to', q.to);
  add('username = @user', 'user', q.user);
  add('device = @device', 'device', q.device);
  add("command LIKE '%' || @command || '%'", 'command', q.command);
  add('status = @status', 'status', q.status);
  add('protocol = @protocol', 'protocol', q.protocol);
  add('session_id = @sessionId', 'sessionId', q.sessionId);
  add('id < @before', 'before', q.before);
  add('id > @after', 'after', q.after);
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
