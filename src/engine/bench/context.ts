import type { BenchStepResult, TargetOverride } from '../../contract/bench';
import type { Dictionary } from '../radius/dictionary/dictionary';
import type { TraceSink } from '../trace/types';
import { checkStep, type StepOutcome } from './expect';
import type { StepExpect, Suite } from './suite-schema';
import { resolveTarget, type LabTarget, type ResolvedTarget } from './target';
import type { Vars } from './vars';

/** What every step runs with. */
export interface RunContext {
  suite: Suite;
  vars: Vars;
  trace: TraceSink;
  dictionary: Dictionary;
  lab: LabTarget;
  override?: TargetOverride;
  /** Directory of the suite file (TLS paths are relative to it). */
  baseDir?: string;
  signal?: AbortSignal;
}

export const targetOf = (ctx: RunContext, name: string | undefined): ResolvedTarget =>
  resolveTarget(name ?? ctx.suite.target, ctx.suite, {
    lab: ctx.lab,
    override: ctx.override,
    baseDir: ctx.baseDir,
  });

/** One request/response as the steps see it. */
export interface Exchange {
  outcome: StepOutcome;
  traceIds: number[];
  error?: string;
}

/** A step without an expected status must pass (an Access-Accept, PASS, PASS_ADD, SUCCESS, ACK). */
export function withDefaultStatus(e: StepExpect | undefined): StepExpect {
  return e?.status !== undefined ? e : { ...e, status: 'pass' };
}

/** The step's result from its exchange: the expectations checked, values captured into `vars`. */
export function stepResult(
  head: { path: string; name: string; kind: string },
  x: Exchange,
  expect: StepExpect | undefined,
  capture?: Record<string, string | { attribute: string; default?: string }>,
  vars?: Vars,
): BenchStepResult {
  const assertions = checkStep(withDefaultStatus(expect), x.outcome);
  let error: string | undefined;
  for (const [name, spec] of Object.entries(capture ?? {})) {
    const attr = typeof spec === 'string' ? spec : spec.attribute;
    const hit = x.outcome.attributes.find(([n]) => n.toLowerCase() === attr.toLowerCase());
    const value = hit?.[1] ?? (typeof spec === 'string' ? undefined : spec.default);
    if (value === undefined) error ??= `capture ${name}: no ${attr} in the reply`;
    else vars?.set(name, value);
  }
  const failed = assertions.some((a) => !a.ok);
  return {
    ...head,
    status: error ? 'error' : failed ? 'fail' : 'pass',
    durationMs: x.outcome.latencyMs,
    reply: {
      status: x.outcome.status ?? 'no reply',
      serverMsg: x.outcome.serverMsg || (x.error ?? ''),
      attributes: x.outcome.attributes.map(([n, v]) => [n, v] as [string, string]),
    },
    assertions,
    traceIds: x.traceIds,
    error,
    children: [],
  };
}

/** A step that could not be sent (bad variable, unreadable file): an error, not an expectation failure. */
export function errorResult(head: { path: string; name: string; kind: string }, e: unknown): BenchStepResult {
  return {
    ...head,
    status: 'error',
    durationMs: 0,
    assertions: [],
    traceIds: [],
    error: (e as Error).message,
    children: [],
  };
}

export const seconds = (s: number | undefined, dflt: number) => Math.round((s ?? dflt) * 1000);
