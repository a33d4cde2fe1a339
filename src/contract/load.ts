import { z } from 'zod';

/** Hard bounds on every load run (issue 14: every run is bounded in count and time). */
export const LOAD_LIMITS = {
  maxSeconds: 3600,
  maxCount: 50_000_000,
  maxConcurrency: 10_000,
  maxRate: 1_000_000,
  maxUsers: 100_000,
  maxWorkers: 64,
} as const;

/** Error kinds counted per second and in the summary. */
export const loadErrorKinds = [
  'timeout',
  'rejected',
  'accepted-wrong-password',
  'unexpected-reply',
  'bad-authenticator',
  'connection',
] as const;
export type LoadErrorKind = (typeof loadErrorKinds)[number];

export const loadPlanSchema = z
  .object({
    protocol: z.enum(['tacacs', 'radius']),
    host: z.string().trim().min(1).max(255),
    port: z.number().int().min(1).max(65535),
    secret: z.string().min(1, 'a shared secret is required').max(1024),
    /** tacacs: authenticate (pap/chap/ascii), authorize, account; radius: auth (pap/chap/mschapv2), acct. */
    op: z.enum(['authenticate', 'authorize', 'account', 'auth', 'acct']),
    method: z.enum(['pap', 'chap', 'ascii', 'mschapv2']).default('pap'),
    /** TACACS+: one connection per request (RFC 8907 default) or single-connect (§4.3). */
    connection: z.enum(['new', 'single']).default('single'),
    /** User names, or one pattern with a numeric range: "user{0001..5000}". */
    users: z.array(z.string().min(1).max(253)).min(1).max(1000),
    /** The password (may use the same {a..b} range as the user names). */
    password: z.string().max(253).default(''),
    /** Share of requests sent with a wrong password (expected to be rejected). */
    wrongPasswordRatio: z.number().min(0).max(1).default(0),
    /** Requests per second to aim for; 0 = as fast as `concurrency` allows. */
    rate: z.number().min(0).max(LOAD_LIMITS.maxRate).default(0),
    /** Requests in flight at most (TACACS+: connections; RADIUS: the outstanding-request window). */
    concurrency: z.number().int().min(1).max(LOAD_LIMITS.maxConcurrency).default(16),
    /** Seconds; the run ends at this or at `count`, whichever comes first. */
    duration: z.number().positive().max(LOAD_LIMITS.maxSeconds).default(10),
    count: z.number().int().min(1).max(LOAD_LIMITS.maxCount).optional(),
    /** Seconds over which rate (or concurrency) climbs to its target. */
    rampUp: z.number().min(0).max(LOAD_LIMITS.maxSeconds).default(0),
    /** Seconds a request waits for its reply before it counts as a timeout. */
    timeout: z.number().positive().max(60).default(2),
    /** Worker threads; default: the cores, less one when the target is on this machine. */
    workers: z.number().int().min(1).max(LOAD_LIMITS.maxWorkers).optional(),
    /** Needed for a target that is not a loopback address. */
    confirm: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const ok =
      p.protocol === 'tacacs'
        ? ['authenticate', 'authorize', 'account'].includes(p.op)
        : ['auth', 'acct'].includes(p.op);
    if (!ok)
      ctx.addIssue({
        code: 'custom',
        path: ['op'],
        message: p.protocol === 'tacacs' ? 'authenticate, authorize or account' : 'auth or acct',
      });
    const methods = p.protocol === 'tacacs' ? ['pap', 'chap', 'ascii'] : ['pap', 'chap', 'mschapv2'];
    if (!methods.includes(p.method))
      ctx.addIssue({ code: 'custom', path: ['method'], message: `one of ${methods.join(', ')}` });
  });
export type LoadPlan = z.output<typeof loadPlanSchema>;
export type LoadPlanInput = z.input<typeof loadPlanSchema>;

const errorsSchema = z.record(z.string(), z.number());

/** One second of a run. */
export const loadTickSchema = z.object({
  /** Seconds since the run started. */
  second: z.number(),
  sent: z.number(),
  ok: z.number(),
  errors: errorsSchema,
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
});
export type LoadTick = z.infer<typeof loadTickSchema>;

export const loadSummarySchema = z.object({
  total: z.number(),
  ok: z.number(),
  /** Wrong-password requests that were rejected, as they should be (inside `ok`). */
  expectedRejects: z.number(),
  errors: errorsSchema,
  errorCount: z.number(),
  seconds: z.number(),
  rate: z.number(),
  p50Ms: z.number(),
  p90Ms: z.number(),
  p99Ms: z.number(),
  maxMs: z.number(),
  workers: z.number(),
  stoppedBy: z.enum(['duration', 'count', 'stop', 'error']),
});
export type LoadSummary = z.infer<typeof loadSummarySchema>;

export const loadStatusSchema = z.object({
  id: z.string(),
  running: z.boolean(),
  plan: z.object({ protocol: z.string(), host: z.string(), port: z.number(), op: z.string() }),
  ticks: z.array(loadTickSchema),
  summary: loadSummarySchema.optional(),
});

export const loadProcedures = {
  'load.start': { input: loadPlanSchema, output: z.object({ id: z.string() }) },
  'load.stop': { input: z.object({}).default({}), output: z.object({ stopped: z.boolean() }) },
  /** The running (or last) run: its ticks so far and, once done, the summary. */
  'load.status': { input: z.object({}).default({}), output: loadStatusSchema.nullable() },
} as const;

export const loadEvents = {
  'load.ticked': z.object({ id: z.string(), tick: loadTickSchema }),
  'load.finished': z.object({ id: z.string(), summary: loadSummarySchema }),
} as const;
