import type { TraceRow } from '../../contract/trace';
import { withoutClientTwins } from '../trace/client-copies';
import { pcapChunks } from '../trace/pcap';
import { toRow, type TraceRecord } from '../trace/trace-store';
import { csvLine } from './csv';

export const TRACE_FORMATS = ['pcap', 'csv', 'ndjson', 'json'] as const;
export type TraceFormat = (typeof TRACE_FORMATS)[number];

export interface ExportBody {
  contentType: string;
  extension: string;
  /** Pulled one chunk at a time by the HTTP streamer, which waits for drain in between. */
  chunks: Iterable<string | Buffer>;
}

const COLUMNS = [
  'id',
  'time',
  'timeUs',
  'protocol',
  'direction',
  'transport',
  'role',
  'local',
  'remote',
  'device',
  'user',
  'sessionId',
  'summary',
  'result',
  'length',
  'replyTo',
  'latencyUs',
  'duplicate',
  'retransmit',
  'diagnosis',
] as const;

/** CSV cells of a trace row, in COLUMNS order. Rows never hold bytes or secrets: exports are masked. */
export function traceCsvCells(r: TraceRow): unknown[] {
  const ep = (e: { address: string; port: number }) =>
    e.address.includes(':') ? `[${e.address}]:${e.port}` : `${e.address}:${e.port}`;
  return [
    r.id,
    new Date(r.timeUs / 1000).toISOString(),
    r.timeUs,
    r.protocol,
    r.direction,
    r.transport,
    r.role,
    ep(r.local),
    ep(r.remote),
    r.device,
    r.user,
    r.sessionId,
    r.summary,
    r.result,
    r.length,
    r.replyTo,
    r.latencyUs,
    r.duplicate,
    r.retransmit,
    r.diagnosis,
  ];
}

export const TRACE_CSV_COLUMNS: readonly string[] = COLUMNS;

/**
 * The records an export in `format` writes: a packet the test client sent to this lab is in the
 * trace twice (client and server copy), and a pcap must show it once (tshark would otherwise see
 * every TACACS+ START twice). Table formats keep both rows; their Role column tells them apart.
 */
export function exportedRecords(records: Iterable<TraceRecord>, format: TraceFormat): Iterable<TraceRecord> {
  return format === 'pcap' ? withoutClientTwins(records) : records;
}

/** An export of trace records (oldest first) in one of the formats, as a lazily pulled stream. */
export function traceExport(records: Iterable<TraceRecord>, format: TraceFormat): ExportBody {
  switch (format) {
    case 'pcap':
      return { contentType: 'application/vnd.tcpdump.pcap', extension: 'pcap', chunks: pcapChunks(records) };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', extension: 'csv', chunks: csvChunks(records) };
    case 'ndjson':
      return {
        contentType: 'application/x-ndjson; charset=utf-8',
        extension: 'ndjson',
        chunks: lines(records, (r) => JSON.stringify(toRow(r)) + '\n'),
      };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        extension: 'json',
        chunks: jsonArray(records, (r) => JSON.stringify(toRow(r))),
      };
  }
}

function* csvChunks(records: Iterable<TraceRecord>): Generator<string> {
  yield csvLine(COLUMNS);
  yield* lines(records, (r) => csvLine(traceCsvCells(r)));
}

/** Maps items to text and groups them into ~64 KiB strings so a write is not paid per record. */
export function* lines<T>(
  items: Iterable<T>,
  fmt: (x: T) => string,
  chunkChars = 64 * 1024,
): Generator<string> {
  let buf = '';
  for (const x of items) {
    buf += fmt(x);
    if (buf.length >= chunkChars) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

/** A JSON array written element by element: `[\n{..},\n{..}\n]\n`. */
export function* jsonArray<T>(items: Iterable<T>, fmt: (x: T) => string): Generator<string> {
  let first = true;
  yield '[';
  yield* lines(items, (x) => {
    const s = (first ? '\n' : ',\n') + fmt(x);
    first = false;
    return s;
  });
  yield '\n]\n';
}
