import { queryAudit, type AuditEntry, type AuditFilter } from './audit-query';
import type { Db } from './database';

/** Who changed what: admin sessions, failed logins, config changes. Details never hold secrets. */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  append(event: string, details: Record<string, unknown> = {}, actor?: string): number {
    return Number(
      this.db
        .prepare('INSERT INTO audit (time, event, actor, details) VALUES (?, ?, ?, ?)')
        .run(Date.now(), event, actor ?? null, JSON.stringify(details)).lastInsertRowid,
    );
  }

  /** Filtered, newest first, paged by id (GET /api/audit, the Audit screen). */
  query(filter: AuditFilter, page: { before?: number; limit: number }) {
    return queryAudit(this.db, filter, page);
  }

  list(limit = 200): AuditEntry[] {
    const rows = this.db.prepare('SELECT * FROM audit ORDER BY id DESC LIMIT ?').all(limit) as Array<{
      id: number;
      time: number;
      event: string;
      actor: string | null;
      details: string;
    }>;
    return rows.map((r) => ({
      id: r.id,
      time: r.time,
      event: r.event,
      actor: r.actor ?? undefined,
      details: JSON.parse(r.details),
    }));
  }
}
