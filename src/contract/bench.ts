import { z } from 'zod';

/**
 * The test bench (issue 14): scenario suites with expectations, run against this lab or any server,
 * and a load runner. A suite travels as its source text (YAML or JSON); the engine validates it and
 * answers field errors with path and line.
 */

/** One checked expectation: which field, what was expected, what came. */
export const benchAssertionSchema = z.object({
  field: z.string(),
  expected: z.string(),
  actual: z.string(),
  ok: z.boolean(),
});
export type BenchAssertion = z.infer<typeof benchAssertionSchema>;

export interface BenchStepResult {
  /** "3", or "3.2" for the second exchange inside step 3 (virtual NAS, repeat). */
  path: string;
  name: string;
  kind: string;
  status: 'pass' | 'fail' | 'error' | 'skipped';
  durationMs: number;
  /** What came back: status or code name, server message, attributes / AV pairs. */
  reply?: { status: string; serverMsg: string; attributes: Array<[string, string]> };
  assertions: BenchAssertion[];
  /** Packet trace ids of the exchange (open with `#/trace?id=…`). */
  traceIds: number[];
  /** Why the step could not run (unknown variable, unreadable TLS file, …). */
  error?: string;
  children: BenchStepResult[];
}

export const benchStepResultSchema: z.ZodType<BenchStepResult> = z.lazy(() =>
  z.object({
    path: z.string(),
    name: z.string(),
    kind: z.string(),
    status: z.enum(['pass', 'fail', 'error', 'skipped']),
    durationMs: z.number(),
    reply: z
      .object({
        status: z.string(),
        serverMsg: z.string(),
        attributes: z.array(z.tuple([z.string(), z.string()])),
      })
      .optional(),
    assertions: z.array(benchAssertionSchema),
    traceIds: z.array(z.number()),
    error: z.string().optional(),
    children: z.array(benchStepResultSchema),
  }),
);

export const benchRunResultSchema = z.object({
  /** History id when the run was kept in the lab database. */
  id: z.number().optional(),
  runId: z.string(),
  suite: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  passed: z.number(),
  failed: z.number(),
  total: z.number(),
  steps: z.array(benchStepResultSchema),
  /** One line per failed expectation: step, field, expected, actual. */
  failures: z.array(z.string()),
});
export type BenchRunResult = z.infer<typeof benchRunResultSchema>;

export const benchIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  line: z.number().optional(),
});

/** Where "lab" steps go instead (CLI --target): any of host, ports and secret. */
export const targetOverrideSchema = z.object({
  host: z.string().max(255).optional(),
  secret: z.string().max(1024).optional(),
  tacacs: z.number().int().min(1).max(65535).optional(),
  radiusAuth: z.number().int().min(1).max(65535).optional(),
  radiusAcct: z.number().int().min(1).max(65535).optional(),
  coa: z.number().int().min(1).max(65535).optional(),
});
export type TargetOverride = z.infer<typeof targetOverrideSchema>;

const suiteSource = z.string().max(1_000_000);

export const benchRunInputSchema = z.object({
  source: suiteSource,
  /** File name, for reports and errors ("alice.yaml"). */
  name: z.string().max(255).default('suite'),
  vars: z.record(z.string(), z.string()).default({}),
  target: targetOverrideSchema.optional(),
  /** Progress events carry this id (the screen picks its own run's). */
  runId: z.string().max(64).optional(),
});

export const benchHistoryEntrySchema = z.object({
  id: z.number(),
  suite: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  passed: z.number(),
  failed: z.number(),
  total: z.number(),
});

export const benchSuiteFileSchema = z.object({ name: z.string(), source: z.string() });

export const benchProcedures = {
  'bench.validate': {
    input: z.object({ source: suiteSource }),
    output: z.object({ ok: z.boolean(), errors: z.array(benchIssueSchema), steps: z.number() }),
  },
  'bench.run': { input: benchRunInputSchema, output: benchRunResultSchema },
  'bench.history': {
    input: z.object({ limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }),
    output: z.array(benchHistoryEntrySchema),
  },
  'bench.historyGet': {
    input: z.object({ id: z.number().int() }),
    output: benchRunResultSchema.extend({ source: z.string() }),
  },
  /** A kept run as a JUnit XML or self-contained HTML report. */
  'bench.report': {
    input: z.object({ id: z.number().int(), format: z.enum(['junit', 'html']) }),
    output: z.object({ filename: z.string(), mime: z.string(), text: z.string() }),
  },
  /** Example suites shipped with the app (examples/*.yaml). */
  'bench.examples': { input: z.object({}).default({}), output: z.array(benchSuiteFileSchema) },
} as const;

export const benchEvents = {
  /** A step of a running suite finished (top-level steps; children inside). */
  'bench.progressed': z.object({
    runId: z.string(),
    index: z.number(),
    total: z.number(),
    step: benchStepResultSchema,
  }),
} as const;
