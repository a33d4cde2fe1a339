/** Versioned schema. Append only: a shipped migration is never edited, a new one is added. */
export const migrations: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  {
    version: 1,
    name: 'accounting, sessions, trace index, audit',
    sql: `
      CREATE TABLE accounting (
        id INTEGER PRIMARY KEY,
        protocol TEXT NOT NULL,
        time INTEGER NOT NULL,
        device TEXT,
        nas_address TEXT NOT NULL,
        username TEXT,
        session_id TEXT,
        status TEXT NOT NULL,
        command TEXT,
        nas_port TEXT,
        remote_address TEXT,
        attributes TEXT NOT NULL
      );
      CREATE INDEX accounting_time ON accounting(time);
      CREATE INDEX accounting_user ON accounting(username, time);
      CREATE INDEX accounting_session ON accounting(session_id);

      CREATE TABLE acct_sessions (
        key TEXT PRIMARY KEY,
        protocol TEXT NOT NULL,
        device TEXT,
        nas_address TEXT NOT NULL,
        username TEXT,
        session_id TEXT NOT NULL,
        nas_port TEXT,
        remote_address TEXT,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        stopped_at INTEGER,
        records INTEGER NOT NULL DEFAULT 1,
        attributes TEXT NOT NULL
      );

      CREATE TABLE trace_index (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        time_us INTEGER NOT NULL,
        protocol TEXT NOT NULL,
        direction TEXT NOT NULL,
        device TEXT,
        username TEXT,
        session_id TEXT,
        result TEXT,
        remote TEXT NOT NULL,
        summary TEXT NOT NULL,
        length INTEGER NOT NULL
      );
      CREATE INDEX trace_index_run ON trace_index(run_id, id);

      CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        event TEXT NOT NULL,
        actor TEXT,
        details TEXT NOT NULL
      );
      CREATE INDEX audit_time ON audit(time);
    `,
  },
  {
    version: 2,
    name: 'saved test client requests',
    // request: the contract's parsed request as JSON, secrets included (see saved-requests-repo.ts).
    sql: `
      CREATE TABLE saved_requests (
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        request TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        UNIQUE (kind, name)
      );
    `,
  },
  {
    version: 3,
    name: 'trace index moved to its own file',
    // trace-index.sqlite, written by a worker thread (trace/trace-index.ts): index batches no longer
    // take this database's write lock from accounting commits.
    sql: `DROP TABLE IF EXISTS trace_index;`,
  },
];
