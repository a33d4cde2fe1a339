import { z } from 'zod';

/** The dashboard's protocols, each charted on its own scale. */
export const STATS_PROTOCOLS = ['tacacs', 'radiusAuth', 'radiusAcct', 'coa'] as const;
export type StatsProtocol = (typeof STATS_PROTOCOLS)[number];

/** What one protocol's servers answered during one second. */
export const protocolSecondSchema = z.object({
  /** Replies sent (a running service that answered nothing has a real 0 here). */
  requests: z.number(),
  pass: z.number(),
  /** Rejects, failures and errors. */
  fail: z.number(),
  /** Reply latency quantiles; null when no reply of the second had a known latency (no samples). */
  p50Ms: z.number().nullable(),
  p99Ms: z.number().nullable(),
});
export type ProtocolSecond = z.infer<typeof protocolSecondSchema>;

/**
 * Per-second aggregates for the dashboard charts. A protocol is null for a second in which no
 * service of it was running and it answered nothing: there is no data, which a chart draws as a
 * gap, not as a zero.
 */
export const statsTickSchema = z.object({
  /** Second (ms since the epoch, floored) these counts cover. */
  at: z.number(),
  tacacs: protocolSecondSchema.nullable(),
  radiusAuth: protocolSecondSchema.nullable(),
  radiusAcct: protocolSecondSchema.nullable(),
  coa: protocolSecondSchema.nullable(),
  /** Packets the servers dropped (malformed, unknown client, bad authenticator …). */
  dropped: z.number(),
  activeConnections: z.number(),
});
export type StatsTick = z.infer<typeof statsTickSchema>;

/** How much per-second history the engine keeps: one hour. */
export const STATS_HISTORY_SECONDS = 3600;

export const statsHistoryProcedures = {
  /** The engine's per-second history, oldest first, so a dashboard opened late shows the last hour. */
  'stats.history': {
    input: z
      .object({
        /** Only seconds after this one (ms since the epoch), e.g. to fill in after a reconnect. */
        after: z.number().optional(),
      })
      .default({}),
    output: z.object({ ticks: z.array(statsTickSchema), windowSeconds: z.number() }),
  },
} as const;
