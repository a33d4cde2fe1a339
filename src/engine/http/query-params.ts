import { z } from 'zod';
import { accountingFilterSchema, sessionsListInputSchema } from '../../contract/observability';
import { traceFilterSchema } from '../../contract/trace';

/**
 * URL query strings → the contract's filter objects. Lists are comma-separated or repeated
 * (`protocol=tacacs,radius` or `protocol=tacacs&protocol=radius`); times are ms since the epoch or
 * ISO 8601 (`from=2025-01-01T00:00:00Z`); booleans are `1|true`.
 */
export type ParseResult<T> =
  { ok: true; value: T } | { ok: false; message: string; issues: Array<{ path: string; message: string }> };

function raw(q: URLSearchParams, lists: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of new Set(q.keys())) {
    const all = q
      .getAll(key)
      .flatMap((v) => (lists.includes(key) ? v.split(',') : [v]))
      .filter((v) => v !== '');
    if (all.length) out[key] = lists.includes(key) ? all : all.at(-1);
  }
  return out;
}

const time = (unit: 'ms' | 'us') =>
  z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      if (/^\d+$/.test(v)) return Number(v);
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? v : unit === 'ms' ? ms : ms * 1000;
    },
    z.number({ error: 'a time: ms since the epoch or ISO 8601' }),
  );
const int = z.coerce.number().int();

export const accountingParams = accountingFilterSchema.extend({
  from: time('ms').optional(),
  to: time('ms').optional(),
  cursor: int.positive().optional(),
  limit: int.min(1).max(5000).default(200),
  format: z.enum(['json', 'csv', 'ndjson', 'tacplus']).optional(),
});

export const traceParams = traceFilterSchema.extend({
  fromUs: time('us').optional(),
  toUs: time('us').optional(),
  /** `from`/`to` in ms or ISO 8601, for symmetry with /api/accounting. */
  from: time('us').optional(),
  to: time('us').optional(),
  before: int.optional(),
  limit: int.min(1).max(5000).default(500),
  /** Export the selected records (ignores paging): pcap | csv | ndjson | json; tls-keylog: the TLS
   * key log of the EAP tunnels among them (a secret: only on this explicit request). */
  format: z.enum(['pcap', 'csv', 'ndjson', 'json', 'tls-keylog']).optional(),
  ids: z.array(int.positive()).optional(),
});

export const sessionsParams = sessionsListInputSchema.extend({
  recentMs: int.min(0).default(15 * 60_000),
  limit: int.min(1).max(10_000).default(1000),
});

function parseWith<S extends z.ZodType>(
  schema: S,
  q: URLSearchParams,
  lists: readonly string[],
): ParseResult<z.output<S>> {
  const r = schema.safeParse(raw(q, lists));
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    message: 'invalid query parameters',
    issues: r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

export const parseAccountingParams = (q: URLSearchParams) => parseWith(accountingParams, q, []);
export const parseTraceParams = (q: URLSearchParams) =>
  parseWith(traceParams, q, ['protocol', 'role', 'result', 'ids']);
export const parseSessionsParams = (q: URLSearchParams) => parseWith(sessionsParams, q, []);

export const auditParams = z.object({
  from: time('ms').optional(),
  to: time('ms').optional(),
  /** Event names, or prefixes ending in "." (admin., config., export.). */
  event: z.array(z.string().min(1).max(64)).optional(),
  actor: z.string().max(256).optional(),
  text: z.string().max(256).optional(),
  cursor: int.positive().optional(),
  limit: int.min(1).max(5000).default(200),
  format: z.enum(['json', 'csv']).optional(),
});
export const parseAuditParams = (q: URLSearchParams) => parseWith(auditParams, q, ['event']);
