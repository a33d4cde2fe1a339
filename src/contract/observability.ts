import { z } from 'zod';

/** Accounting records, live sessions and counters: the read side of what the protocol servers log. */

const accountingStatus = z.enum(['start', 'stop', 'watchdog', 'interim', 'on', 'off', 'other']);
const acctProtocol = z.enum(['tacacs', 'radius']);

export const accountingRecordSchema = z.object({
  id: z.number(),
  protocol: acctProtocol,
  /** ms since the epoch, when the server received the record. */
  time: z.number(),
  device: z.string().optional(),
  nasAddress: z.string(),
  username: z.string().optional(),
  sessionId: z.string().optional(),
  status: accountingStatus,
  command: z.string().optional(),
  nasPort: z.string().optional(),
  remoteAddress: z.string().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
export type AccountingRecordDto = z.infer<typeof accountingRecordSchema>;

/** Filters shared by accounting.query and GET /api/accounting. */
export const accountingFilterSchema = z.object({
  /** ms since the epoch, inclusive. */
  from: z.number().optional(),
  to: z.number().optional(),
  user: z.string().optional(),
  device: z.string().optional(),
  /** Substring of the command line (TACACS+ command accounting). */
  command: z.string().optional(),
  status: accountingStatus.optional(),
  protocol: acctProtocol.optional(),
  sessionId: z.string().optional(),
});
export type AccountingFilter = z.infer<typeof accountingFilterSchema>;

export const accountingQueryInputSchema = accountingFilterSchema.extend({
  /** Opaque cursor from the previous page's `nextCursor`; absent = newest. */
  cursor: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(5000).default(200),
});

export const accountingQueryOutputSchema = z.object({
  records: z.array(accountingRecordSchema),
  /** Matching records in total (all pages). */
  total: z.number(),
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor: z.number().optional(),
});

export const acctSessionSchema = z.object({
  key: z.string(),
  protocol: acctProtocol,
  device: z.string().optional(),
  nasAddress: z.string(),
  username: z.string().optional(),
  sessionId: z.string(),
  nasPort: z.string().optional(),
  remoteAddress: z.string().optional(),
  startedAt: z.number(),
  updatedAt: z.number(),
  stoppedAt: z.number().optional(),
  records: z.number(),
  durationMs: z.number(),
  inputOctets: z.number().optional(),
  outputOctets: z.number().optional(),
  attributes: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
});
export type AcctSessionDto = z.infer<typeof acctSessionSchema>;

/** A TACACS+ connection as the TACACS+ server reports it (src/engine/tacacs/connection.ts ConnectionInfo). */
export const tacacsConnectionSchema = z.object({
  id: z.number(),
  /** "address:port" of the NAS. */
  peer: z.string(),
  device: z.string(),
  transport: z.enum(['tcp', 'tls']),
  singleConnect: z.boolean(),
  /** Sessions (session_id) in progress on this connection. */
  sessions: z.number(),
  idleMs: z.number(),
  openedAt: z.number(),
  packetsIn: z.number(),
  packetsOut: z.number(),
});
export type TacacsConnectionDto = z.infer<typeof tacacsConnectionSchema>;

export const sessionsListInputSchema = z.object({
  state: z.enum(['open', 'recent', 'all']).default('recent'),
  /** For state 'recent': sessions stopped within this many ms are included. */
  recentMs: z
    .number()
    .int()
    .min(0)
    .default(15 * 60_000),
  user: z.string().optional(),
  device: z.string().optional(),
  protocol: acctProtocol.optional(),
  limit: z.number().int().min(1).max(10_000).default(1000),
});

export const sessionsListOutputSchema = z.object({
  accounting: z.array(acctSessionSchema),
  connections: z.array(tacacsConnectionSchema),
});

const metricSampleSchema = z.object({
  labels: z.record(z.string(), z.union([z.string(), z.number()])),
  value: z.number(),
  metricName: z.string().optional(),
});
export const metricSchema = z.object({
  name: z.string(),
  help: z.string(),
  type: z.string(),
  values: z.array(metricSampleSchema),
});

export const statsGetOutputSchema = z.object({
  /** ms since the epoch. */
  at: z.number(),
  uptimeSeconds: z.number(),
  metrics: z.array(metricSchema),
});

export const observabilityProcedures = {
  'accounting.query': { input: accountingQueryInputSchema, output: accountingQueryOutputSchema },
  'sessions.list': { input: sessionsListInputSchema, output: sessionsListOutputSchema },
  'stats.get': { input: z.object({}).default({}), output: statsGetOutputSchema },
  'stats.reset': { input: z.object({}).default({}), output: z.object({ reset: z.boolean() }) },
} as const;
