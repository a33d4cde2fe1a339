import type { Db } from './database';

/** One audit row as the API and the Audit screen show it. */
export interface AuditEntry {
  id: number;
  time: number;
  event: string;
  actor?: string;
  details: Record<string, unknown>;
}

export interface AuditFilter {
  /** ms since the epoch, inclusive. */
  from?: number;
  to?: number;
  /** Event names or prefixes ending in "." ("admin." = every admin event). */
  event?: string[];
  actor?: string;
  /** Substring of the details (JSON) or the actor. */
  text?: string;
}

/** Newest first, paged by id (`before`), with the total matching the filter. */
export function queryAudit(
  db: Db,
  f: AuditFilter,
  page: { before?: number; limit: number },
): { entries: AuditEntry[]; total: number; nextCursor?: number } {
  const where: string[] = [];
  const args: unknown[] = [];
  const add = (sql: string, ...values: unknown[]): void => {
    where.push(sql);
    args.push(...values);
  };
  if (f.from !== undefined) add('time >= ?', f.from);
  if (f.to !== undefined) add('time <= ?', f.to);
  if (f.actor) add('actor = ?', f.actor);
  if (f.text)
    add(
      "(instr(lower(details), lower(?)) > 0 OR instr(lower(coalesce(actor, '')), lower(?)) > 0)",
      f.text,
      f.text,
    );
  // A name, or a prefix ending in "." (LIKE's own wildcards in it are escaped).
  if (f.event?.length)
    add(
      `(${f.event.map(() => "(event = ? OR (substr(?, -1) = '.' AND event LIKE ? ESCAPE '\\'))").join(' OR ')})`,
      ...f.event.flatMap((e) => [e, e, `${e.replace(/[\\%_]/g, (c) => `\\${c}`)}%`]),
    );
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = (db.prepare(`SELECT count(*) AS n FROM audit ${cond}`).get(...args) as { n: number }).n;
  const pageCond = page.before ? `${cond ? `${cond} AND` : 'WHERE'} id < ?` : cond;
  const rows = db
    .prepare(`SELECT * FROM audit ${pageCond} ORDER BY id DESC LIMIT ?`)
    .all(...args, ...(page.before ? [page.before] : []), page.limit + 1) as Array<{
    id: number;
    time: number;
    event: string;
    actor: string | null;
    details: string;
  }>;
  const more = rows.length > page.limit;
  const entries = rows.slice(0, page.limit).map((r) => ({
    id: r.id,
    time: r.time,
    event: r.event,
    actor: r.actor ?? undefined,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
  return more ? { entries, total, nextCursor: entries.at(-1)!.id } : { entries, total };
}

/** RFC 4180 CSV: time (ISO 8601), event, actor, details (JSON). */
export function auditCsv(entries: readonly AuditEntry[]): string {
  const q = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = ['id,time,event,actor,details'];
  for (const e of entries)
    lines.push(
      [String(e.id), new Date(e.time).toISOString(), e.event, e.actor ?? '', JSON.stringify(e.details)]
        .map(q)
        .join(','),
    );
  return `${lines.join('\r\n')}\r\n`;
}
