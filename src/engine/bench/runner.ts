import { randomUUID } from 'node:crypto';
import type { BenchRunResult, BenchStepResult } from '../../contract/bench';
import { errorResult, stepResult, type RunContext } from './context';
import { runEapStep } from './step-eap';
import { runRadiusStep } from './step-radius';
import { runTacacsStep } from './step-tacacs';
import type { Step, Suite } from './suite-schema';
import { interpolateDeep } from './vars';
import { radiusNas, tacacsNas } from './virtual-nas';

export interface RunOptions extends Omit<RunContext, 'vars' | 'suite'> {
  /** Overrides suite variables (CLI --var, the screen's run dialog). */
  vars?: Record<string, string>;
  runId?: string;
  /** Each top-level step as it finishes. */
  onStep?(index: number, total: number, step: BenchStepResult): void;
}

/** Runs a suite's steps in order; a failed step does not stop the run (every result is reported). */
export async function runSuite(suite: Suite, name: string, opts: RunOptions): Promise<BenchRunResult> {
  const vars = new Map<string, string>(Object.entries(suite.variables).map(([k, v]) => [k, String(v)]));
  for (const [k, v] of Object.entries(opts.vars ?? {})) vars.set(k, v);
  const ctx: RunContext = { ...opts, suite, vars };
  const startedAt = Date.now();
  const t0 = performance.now();
  const steps: BenchStepResult[] = [];
  for (const [i, step] of suite.steps.entries()) {
    if (opts.signal?.aborted) break;
    const r = await runStep(ctx, step, String(i + 1));
    steps.push(r);
    opts.onStep?.(i, suite.steps.length, r);
  }
  const passed = steps.filter((s) => s.status === 'pass').length;
  return {
    runId: opts.runId ?? randomUUID(),
    suite: suite.name ?? name,
    startedAt,
    durationMs: performance.now() - t0,
    passed,
    failed: steps.length - passed,
    total: suite.steps.length,
    steps,
    failures: steps.flatMap(failureLines),
  };
}

export function stepLabel(step: Step, path: string): string {
  if (step.name) return step.name;
  if (step.type === 'wait') return `wait ${step.seconds} s`;
  if (step.type === 'repeat') return `repeat ${step.times}×`;
  if (step.type === 'nas-session') return `${step.protocol} NAS session (${step.template}) as ${step.user}`;
  return `${step.type}${'user' in step && step.user ? ` ${step.user}` : ''}` || `step ${path}`;
}

async function runStep(ctx: RunContext, raw: Step, path: string): Promise<BenchStepResult> {
  const head = { path, name: stepLabel(raw, path), kind: raw.type };
  if (raw.type === 'repeat') return runRepeat(ctx, raw, head);
  const t0 = performance.now();
  try {
    // Variables are resolved when the step runs: earlier steps may have captured them.
    const step = interpolateDeep(raw, ctx.vars);
    switch (step.type) {
      case 'wait':
        await sleep(step.seconds * 1000, ctx.signal);
        return {
          ...head,
          status: 'pass',
          durationMs: performance.now() - t0,
          assertions: [],
          traceIds: [],
          children: [],
        };
      case 'nas-session': {
        const children =
          step.protocol === 'tacacs' ? await tacacsNas(ctx, step, head) : await radiusNas(ctx, step, head);
        return parent(head, children, performance.now() - t0);
      }
      case 'tacacs-authenticate':
      case 'tacacs-authorize':
      case 'tacacs-account':
        return stepResult(head, await runTacacsStep(ctx, step), step.expect, step.capture, ctx.vars);
      case 'radius-eap':
        return stepResult(head, await runEapStep(ctx, step), step.expect, step.capture, ctx.vars);
      default:
        return stepResult(head, await runRadiusStep(ctx, step), step.expect, step.capture, ctx.vars);
    }
  } catch (e) {
    return errorResult(head, e);
  }
}

async function runRepeat(
  ctx: RunContext,
  step: Extract<Step, { type: 'repeat' }>,
  head: { path: string; name: string; kind: string },
): Promise<BenchStepResult> {
  const t0 = performance.now();
  const children: BenchStepResult[] = [];
  for (let i = 1; i <= step.times && !ctx.signal?.aborted; i++) {
    ctx.vars.set('i', String(i));
    for (const s of step.steps) children.push(await runStep(ctx, s, `${head.path}.${children.length + 1}`));
  }
  return parent(head, children, performance.now() - t0);
}

function parent(
  head: { path: string; name: string; kind: string },
  children: BenchStepResult[],
  ms: number,
): BenchStepResult {
  const bad = children.find((c) => c.status !== 'pass');
  return {
    ...head,
    status: bad ? (bad.status === 'error' ? 'error' : 'fail') : 'pass',
    durationMs: ms,
    assertions: [],
    traceIds: [],
    children,
  };
}

/** `step 3 "bob configure denied": status: expected fail, got PASS_ADD` for each failed expectation. */
export function failureLines(s: BenchStepResult): string[] {
  const where = `step ${s.path} "${s.name}"`;
  return [
    ...s.assertions
      .filter((a) => !a.ok)
      .map((a) => `${where}: ${a.field}: expected ${a.expected}, got ${a.actual}`),
    ...(s.error ? [`${where}: ${s.error}`] : []),
    ...s.children.flatMap(failureLines),
  ];
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
}
