import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, LabError } from '../../contract/envelope';
import { schemaForStep, STEP_TYPES, suiteSchema, type Step, type Suite } from './suite-schema';

export interface SuiteIssue {
  path: string;
  message: string;
  line?: number;
}

/** A suite that cannot run: every problem with its field path and line. */
export class SuiteError extends LabError {
  constructor(
    readonly errors: SuiteIssue[],
    source?: string,
  ) {
    const first = errors[0];
    const head = first ? `${first.path}: ${first.message}${first.line ? ` (line ${first.line})` : ''}` : '';
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
    super('invalid_input', `${source ? `${source}: ` : ''}${head}${more}`, errors);
    this.name = 'SuiteError';
  }
}

type At = (string | number)[];

/**
 * Parses a suite (YAML, of which JSON is a subset) and validates it. Steps are checked one by one
 * against the schema of their own `type`, so an error names the step's field ("steps.2.expect.status"),
 * not a failed union.
 */
export function parseSuite(source: string, name?: string): Suite {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length)
    throw new SuiteError(
      doc.errors.map((e) => ({
        path: '(yaml)',
        message: e.message.split('\n')[0] ?? e.message,
        line: lines.linePos(e.pos[0]).line,
      })),
      name,
    );
  const issues: SuiteIssue[] = [];
  const add = (at: At, message: string) =>
    issues.push({ path: formatPath(at), message, line: findLine(doc, lines, at) });
  const raw: unknown = doc.toJS() ?? {};
  const top = suiteSchema.safeParse(raw);
  if (!top.success) {
    for (const i of top.error.issues) add(i.path as At, describe(i, raw));
    throw new SuiteError(issues, name);
  }
  const known = (t: string) => t === 'lab' || Object.hasOwn(top.data.targets, t);
  const unknownTarget = (t: string) => `unknown target "${t}" (define it under targets, or use "lab")`;
  if (!known(top.data.target)) add(['target'], unknownTarget(top.data.target));
  const steps = checkSteps(
    top.data.steps,
    ['steps'],
    (at, m) => add(at, m),
    (at, t) => {
      if (!known(t)) add(at, unknownTarget(t));
    },
  );
  const suite: Suite = { ...top.data, steps };
  if (issues.length) throw new SuiteError(issues, name);
  return suite;
}

function checkSteps(
  raw: unknown[],
  at: At,
  add: (at: At, m: string) => void,
  target: (at: At, name: string) => void,
): Step[] {
  const out: Step[] = [];
  raw.forEach((s, i) => {
    const here = [...at, i];
    const obj = (s && typeof s === 'object' ? s : {}) as Record<string, unknown>;
    const schema = schemaForStep(obj.type, obj.protocol);
    if (!schema) {
      if (obj.type === 'nas-session') add([...here, 'protocol'], 'expected "tacacs" or "radius"');
      else add([...here, 'type'], `expected one of ${STEP_TYPES.join(', ')}`);
      return;
    }
    const r = schema.safeParse(s);
    if (!r.success) {
      for (const i of r.error.issues) add([...here, ...(i.path as At)], describe(i, s));
      return;
    }
    const step = r.data as Step;
    if (step.type === 'repeat') step.steps = checkSteps(step.steps, [...here, 'steps'], add, target);
    else if ('target' in step && step.target) target([...here, 'target'], step.target);
    for (const re of regexes(step)) {
      try {
        new RegExp(re.pattern);
      } catch (e) {
        add([...here, ...re.at], `not a regular expression: ${(e as Error).message}`);
      }
    }
    out.push(step);
  });
  return out;
}

function* regexes(step: Step): Generator<{ pattern: string; at: At }> {
  const e = 'expect' in step ? step.expect : undefined;
  if (!e) return;
  if (e.serverMsg && typeof e.serverMsg === 'object' && 'regex' in e.serverMsg)
    yield { pattern: e.serverMsg.regex, at: ['expect', 'serverMsg', 'regex'] };
  for (const [k, a] of (e.attributes ?? []).entries())
    if (typeof a === 'object' && a.regex !== undefined)
      yield { pattern: a.regex, at: ['expect', 'attributes', k, 'regex'] };
}

function describe(i: z.core.$ZodIssue, raw: unknown): string {
  if (i.code === 'unrecognized_keys') return `unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type') {
    const got = valueAt(raw, i.path as At);
    const msg = i.message.replace(/^Invalid input: /, '');
    return got === undefined ? `is required (${msg})` : `${msg}, got ${JSON.stringify(got)}`;
  }
  return i.message;
}

function valueAt(root: unknown, at: At): unknown {
  let v: unknown = root;
  for (const k of at) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[k] : undefined;
  return v;
}

/** Line of the deepest YAML node that exists along `at` (1-based). */
function findLine(doc: Document, lines: LineCounter, at: At): number | undefined {
  for (let n = at.length; n >= 0; n--) {
    const node = doc.getIn(at.slice(0, n), true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return undefined;
}
