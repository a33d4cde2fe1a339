import { z } from 'zod';
import { accountingFilterSchema } from './observability';
import { traceFilterSchema } from './trace';

/**
 * Exports through the contract (issue 6), so the Electron renderer, which has no HTTP, can save
 * what GET /api/trace?format= and /api/accounting?format= stream. The file comes back whole as
 * base64 and is capped (EXPORT_LIMITS); bigger exports are the REST API's job.
 */
export const EXPORT_LIMITS = { bytes: 64 * 1024 * 1024, records: 200_000 } as const;

/** Exports of more records than this emit `export.progressed` every this many records. */
export const EXPORT_PROGRESS_EVERY = 10_000;

const progressId = z
  .string()
  .min(1)
  .max(64)
  .optional()
  .describe('Names this export in export.progressed events; one is made up when absent');

export const traceExportInputSchema = z.object({
  format: z.enum(['pcap', 'csv', 'ndjson', 'json']),
  /** The same filter as trace.list. */
  filter: traceFilterSchema.default({}),
  /** Only these records (the rows the user selected), still subject to `filter`. */
  ids: z.array(z.number().int()).max(EXPORT_LIMITS.records).optional(),
  /**
   * pcap only: also return the TLS key log (NSS SSLKEYLOGFILE) of the EAP tunnels (PEAP, TTLS,
   * EAP-TLS) whose handshakes the file holds, for `tshark -o tls.keylog_file:…`. Key material is a
   * secret: it is only written when asked for.
   */
  tlsKeyLog: z.boolean().default(false),
  progressId,
});

export const accountingExportInputSchema = z.object({
  format: z.enum(['csv', 'ndjson', 'json', 'tacplus']),
  /** The same filter as accounting.query. */
  filter: accountingFilterSchema.default({}),
  progressId,
});

export const exportOutputSchema = z.object({
  /** e.g. aaa-lab-trace-2026-11-23T12-00-00.pcap */
  filename: z.string(),
  mime: z.string(),
  /** The whole file. */
  base64: z.string(),
  /** Trace or accounting records written. */
  records: z.number(),
  /** Length of the file (decoded). */
  bytes: z.number(),
  /**
   * pcap only: the tshark command line that decodes this file (decode-as for the lab's ports,
   * keys as "<secret of device X>": never the secret itself).
   */
  tshark: z.string().optional(),
  /** With `tlsKeyLog`: the key log file to save beside the pcap (`<pcap file>.keys`). */
  keyLog: z
    .object({ filename: z.string(), base64: z.string(), sessions: z.number(), lines: z.number() })
    .optional(),
});
export type ExportOutput = z.infer<typeof exportOutputSchema>;

export const exportProgressSchema = z.object({ id: z.string(), done: z.number(), total: z.number() });

export const exportProcedures = {
  'trace.export': { input: traceExportInputSchema, output: exportOutputSchema },
  'accounting.export': { input: accountingExportInputSchema, output: exportOutputSchema },
} as const;
