import type { IncomingMessage, ServerResponse } from 'node:http';
import { LabError, type ErrorCode } from '../../contract/envelope';
import { labDiff } from '../config/lab-diff';
import { loadLabFile } from '../config/load';
import { accountingExport, accountingPages } from '../export/accounting-export';
import { exportedRecords, traceExport } from '../export/trace-export';
import { ClientRandoms } from '../export/tls-sessions';
import type { TraceFilter } from '../../contract/trace';
import { metricsSnapshot, resetCounters } from '../metrics/metrics-snapshot';
import { tacacsConnections } from '../metrics/procedures';
import { auditCsv } from '../store/audit-query';
import {
  parseAccountingParams,
  parseAuditParams,
  parseSessionsParams,
  parseTraceParams,
  type ParseResult,
} from './query-params';
import { sendJson } from './respond';
import { streamExport } from './stream';
import type { HttpEngine } from './http-engine';

export interface ApiContext {
  engine: HttpEngine;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** Who the request was authorised as ('api-token', 'ui-token', …), for the audit log. */
  who?: string;
}

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  invalid_config: 422,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  unauthorized: 401,
  internal: 500,
};

export function sendError(
  res: ServerResponse,
  code: ErrorCode,
  message: string,
  issues: Array<{ path: string; message: string; line?: number }> = [],
): void {
  sendJson(res, STATUS[code], { ok: false, error: { code, message, issues } });
}

function parsed<T>(res: ServerResponse, r: ParseResult<T>): T | undefined {
  if (r.ok) return r.value;
  sendError(res, 'invalid_input', r.message, r.issues);
  return undefined;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

export async function getStatus({ engine, res }: ApiContext) {
  sendJson(res, 200, engine.status());
}

export async function getStats({ engine, res }: ApiContext) {
  sendJson(res, 200, await metricsSnapshot(engine));
}

export async function getSessions({ engine, res, url }: ApiContext) {
  const q = parsed(res, parseSessionsParams(url.searchParams));
  if (!q) return;
  sendJson(res, 200, { accounting: engine.sessions.list(q), connections: tacacsConnections(engine) });
}

export async function getAccounting({ engine, res, url, who }: ApiContext) {
  const q = parsed(res, parseAccountingParams(url.searchParams));
  if (!q) return;
  const { cursor, limit, format, ...filter } = q;
  const total = engine.accounting.count(filter);
  if (!format) {
    const records = engine.accounting.query({ ...filter, before: cursor, limit: limit + 1 });
    const more = records.length > limit;
    const page = more ? records.slice(0, limit) : records;
    return sendJson(res, 200, { records: page, total, nextCursor: more ? page.at(-1)?.id : undefined });
  }
  // Export: every matching record (no paging), oldest first; X-Total-Count lets a client show progress.
  engine.audit.append('export.accounting', { format, records: total, via: 'rest' }, who);
  await streamExport(res, accountingExport(accountingPages(engine.accounting, filter), format), {
    filename: `aaa-lab-accounting-${stamp()}`,
    headers: { 'x-total-count': String(total) },
  });
}

export async function getTrace({ engine, res, url, who }: ApiContext) {
  const q = parsed(res, parseTraceParams(url.searchParams));
  if (!q) return;
  const { from, to, before, limit, format, ids, ...rest } = q;
  const filter = { ...rest, fromUs: rest.fromUs ?? from, toUs: rest.toUs ?? to };
  if (!format) return sendJson(res, 200, engine.trace.list({ ...filter, before, limit }));
  // Records appended while the download runs are left out, so a flood cannot make it endless.
  const last = engine.trace.list({ limit: 1 }).rows[0]?.id ?? 0;
  const idSet = ids ? new Set(ids) : undefined;
  if (format === 'tls-keylog') return sendKeyLog({ engine, res, who }, filter, idSet, last);
  const fmt = format;
  function* selected() {
    for (const r of exportedRecords(engine.trace.records(filter, idSet), fmt)) {
      if (r.id > last) return;
      yield r;
    }
  }
  engine.audit.append('export.trace', { format, via: 'rest' }, who);
  await streamExport(res, traceExport(selected(), format), { filename: `aaa-lab-trace-${stamp()}` });
}

/** The TLS key log of the EAP tunnels whose handshakes the pcap of the same query holds. */
async function sendKeyLog(
  { engine, res, who }: Pick<ApiContext, 'engine' | 'res' | 'who'>,
  filter: TraceFilter,
  ids: ReadonlySet<number> | undefined,
  last: number,
) {
  const randoms = new ClientRandoms();
  for (const r of exportedRecords(engine.trace.records(filter, ids), 'pcap')) {
    if (r.id > last) break;
    randoms.add(r);
  }
  const keys = engine.trace.tlsKeys.linesFor(randoms.randoms);
  engine.audit.append(
    'export.trace',
    { format: 'tls-keylog', tlsKeyLogSessions: keys.sessions, via: 'rest' },
    who,
  );
  const body = { contentType: 'text/plain; charset=utf-8', extension: 'pcap.keys', chunks: [keys.text] };
  await streamExport(res, body, { filename: `aaa-lab-trace-${stamp()}` });
}

export async function postReloadConfig({ engine, res, who }: ApiContext) {
  const path = engine.lab.path;
  if (!path)
    return sendError(
      res,
      'conflict',
      'this lab was not loaded from a file; apply a new one with config.apply',
    );
  const before = engine.lab.source;
  try {
    await engine.apply(await loadLabFile(path, engine.opts.env));
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    engine.noteReloadFailure(e);
    return sendError(res, e.code, e.message, e.issues);
  }
  engine.audit.append(
    'config.reloaded',
    { path, via: 'rest', diff: labDiff(before, engine.lab.source) },
    who,
  );
  sendJson(res, 200, engine.status());
}

export async function postResetStats({ engine, res, who }: ApiContext) {
  resetCounters(engine.metrics.registry);
  engine.audit.append('stats.reset', { via: 'rest' }, who);
  sendJson(res, 200, { reset: true });
}

export async function getAudit({ engine, res, url }: ApiContext) {
  const q = parsed(res, parseAuditParams(url.searchParams));
  if (!q) return;
  const { cursor, limit, format, ...filter } = q;
  const page = engine.audit.query(filter, { before: cursor, limit });
  if (format === 'csv') {
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="aaa-lab-audit-${stamp()}.csv"`,
      'x-total-count': String(page.total),
    });
    return void res.end(auditCsv(page.entries));
  }
  sendJson(res, 200, page);
}
