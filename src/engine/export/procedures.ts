import type { AuditRepo } from '../store/audit-repo';
import { randomUUID } from 'node:crypto';
import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import {
  EXPORT_LIMITS,
  EXPORT_PROGRESS_EVERY,
  type ExportOutput,
  type exportProcedures,
} from '../../contract/exports';
import type { EventBus } from '../events';
import type { AccountingRepo } from '../store/accounting-repo';
import type { TraceStore } from '../trace/trace-store';
import { accountingExport, accountingPages } from './accounting-export';
import { exportedRecords, traceExport, type ExportBody } from './trace-export';
import { ClientRandoms } from './tls-sessions';
import { TsharkCommand } from './tshark-command';

export interface ExportLimits {
  bytes: number;
  records: number;
}

/** The part of the engine the exports read. */
export interface ExportEngine {
  readonly trace: Pick<TraceStore, 'list' | 'records' | 'tlsKeys'>;
  readonly accounting: AccountingRepo;
  readonly events: Pick<EventBus, 'emit'>;
  readonly audit: Pick<AuditRepo, 'append'>;
}

/**
 * trace.export and accounting.export: the REST exports' writers, collected into one buffer for a
 * transport without streaming (Electron IPC). `limits` is for tests; the contract states the default.
 */
export function exportHandlers(
  engine: ExportEngine,
  limits: ExportLimits = EXPORT_LIMITS,
): HandlersOf<typeof exportProcedures> {
  return {
    'trace.export': async ({ format, filter, ids, tlsKeyLog, progressId }) => {
      // Records appended while the export runs are left out, so a flood cannot make it endless.
      const last = engine.trace.list({ limit: 1 }).rows[0]?.id ?? 0;
      const idSet = ids ? new Set(ids) : undefined;
      const matching = engine.trace.list({ ...filter, limit: 1 }).total;
      const total = idSet ? Math.min(idSet.size, matching) : matching;
      const tshark = format === 'pcap' ? new TsharkCommand() : undefined;
      const counter = { n: 0 };
      const keyed = tlsKeyLog && format === 'pcap' ? new ClientRandoms() : undefined;
      function* selected() {
        for (const r of exportedRecords(engine.trace.records(filter, idSet), format)) {
          if (r.id > last) return;
          tooMany(++counter.n, limits, 'trace records', 'GET /api/trace?format=');
          tshark?.add(r);
          keyed?.add(r);
          yield r;
        }
      }
      tooMany(total, limits, 'trace records', 'GET /api/trace?format=');
      const name = `aaa-lab-trace-${stamp()}`;
      const body = traceExport(selected(), format);
      const out = await collect(engine, body, counter, total, progressId, limits, 'GET /api/trace?format=');
      const filename = `${name}.${body.extension}`;
      const keys = keyed && engine.trace.tlsKeys.linesFor(keyed.randoms);
      const keyLog = keys && {
        filename: `${filename}.keys`,
        base64: Buffer.from(keys.text, 'latin1').toString('base64'),
        sessions: keys.sessions,
        lines: keys.lines,
      };
      // The audit says a key log left the lab (how many sessions), never its content.
      engine.audit.append('export.trace', {
        format,
        records: counter.n,
        filename,
        ...(keyLog && { tlsKeyLogSessions: keyLog.sessions }),
      });
      return { filename, ...out, tshark: tshark?.command(filename, keyLog?.filename), keyLog };
    },
    'accounting.export': async ({ format, filter, progressId }) => {
      const total = engine.accounting.count(filter);
      const api = 'GET /api/accounting?format=';
      tooMany(total, limits, 'accounting records', api);
      const counter = { n: 0 };
      function* counted() {
        for (const r of accountingPages(engine.accounting, filter)) {
          counter.n++;
          yield r;
        }
      }
      const body = accountingExport(counted(), format);
      const out = await collect(engine, body, counter, total, progressId, limits, api);
      const filename = `aaa-lab-accounting-${stamp()}.${body.extension}`;
      engine.audit.append('export.accounting', { format, records: counter.n, filename });
      return { filename, ...out };
    },
  };
}

/**
 * Pulls the whole body, yielding to the event loop after each ~10,000 records (the protocol
 * servers keep answering meanwhile) and telling the renderer how far it got.
 */
async function collect(
  engine: ExportEngine,
  body: ExportBody,
  counter: { n: number },
  total: number,
  progressId: string | undefined,
  limits: ExportLimits,
  api: string,
): Promise<Omit<ExportOutput, 'filename' | 'tshark'>> {
  const id = progressId ?? randomUUID();
  const progress = total > EXPORT_PROGRESS_EVERY;
  let nextMark = EXPORT_PROGRESS_EVERY;
  const parts: Buffer[] = [];
  let bytes = 0;
  for (const chunk of body.chunks) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    bytes += buf.length;
    if (bytes > limits.bytes)
      throw new LabError(
        'invalid_input',
        `the export is larger than ${mib(limits.bytes)}: narrow the filter, or use the REST API (${api}…), which streams any size`,
      );
    parts.push(buf);
    if (counter.n >= nextMark) {
      nextMark = (Math.floor(counter.n / EXPORT_PROGRESS_EVERY) + 1) * EXPORT_PROGRESS_EVERY;
      if (progress) engine.events.emit('export.progressed', { id, done: counter.n, total });
      await new Promise((r) => setImmediate(r));
    }
  }
  if (progress) engine.events.emit('export.progressed', { id, done: counter.n, total: counter.n });
  const file = Buffer.concat(parts, bytes);
  return { mime: body.contentType, base64: file.toString('base64'), records: counter.n, bytes };
}

function tooMany(n: number, limits: ExportLimits, what: string, api: string): void {
  if (n > limits.records)
    throw new LabError(
      'invalid_input',
      `${n.toLocaleString('en')} ${what} match, more than the ${limits.records.toLocaleString('en')} an export from the app may hold: narrow the filter, or use the REST API (${api}…), which streams any size`,
    );
}

const mib = (n: number) => `${Math.round(n / (1024 * 1024))} MiB`;

/** 2026-11-23T12-00-00 (UTC): sorts by time and is a valid file name everywhere. */
const stamp = () => new Date().toISOString().slice(0, 19).replace(/:/g, '-');
