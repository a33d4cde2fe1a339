import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, basename, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { BenchRunResult, BenchStepResult, TargetOverride } from '../contract/bench';
import { LabError } from '../contract/envelope';
import { htmlReport } from '../engine/bench/html-report';
import { junitXml } from '../engine/bench/junit';
import { engineLabTarget } from '../engine/bench/lab-target';
import { runSuite } from '../engine/bench/runner';
import { parseSuite, SuiteError } from '../engine/bench/suite-load';
import type { Step } from '../engine/bench/suite-schema';
import { Engine } from '../engine/lab';
import { silentLogger } from '../engine/log';
import { bundledDictionary, labDictionary } from '../engine/radius/dictionary/load';
import type { TraceSink } from '../engine/trace/types';
import { processIo, type CliIo } from './io';
import { defaultConfigPath } from './paths';
import { UsageError } from './usage';

interface Flags {
  target?: string;
  config?: string;
  var: string[];
  junit?: string;
  json?: boolean;
  html?: string;
}

const collect = (v: string, prev: string[]): string[] => [...prev, v];

/** `aaa-lab bench run suite.yaml`: exit 0 when every step passes, 1 when an expectation fails, 2 on a bad suite or usage. */
export function registerBench(program: Command, io: CliIo = processIo): void {
  const bench = program.command('bench').description('scenario suites with expectations (test bench)');
  bench
    .command('run <suite>')
    .description('run a suite (YAML or JSON); exit 0 all pass, 1 an expectation failed, 2 bad suite or usage')
    .option(
      '--target <spec>',
      'where "lab" steps go: a host, or host=…,secret=…,tacacs=PORT,radius-auth=PORT,radius-acct=PORT,coa=PORT',
    )
    .option('-c, --config <lab.yaml>', 'start this lab file in-process and run the suite against it')
    .option('--var <name=value>', 'set a suite variable; repeatable', collect, [])
    .option('--junit <file>', 'write a JUnit XML report (for CI)')
    .option('--html <file>', 'write a self-contained HTML report')
    .option('--json', 'print the result as JSON instead of the step lines')
    .action(async (file: string, f: Flags) => io.exit(await benchRun(file, f, io)));
}

export async function benchRun(file: string, f: Flags, io: CliIo): Promise<number> {
  let engine: Engine | undefined;
  let dataDir: string | undefined;
  try {
    const override = f.target ? parseTarget(f.target) : undefined;
    const vars = Object.fromEntries(f.var.map(parseVar));
    const path = resolve(file);
    let source: string;
    try {
      source = readFileSync(path, 'utf8');
    } catch (e) {
      throw new UsageError(
        `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
      );
    }
    const suite = parseSuite(source, basename(path));
    if (!f.config && !override?.host && usesLab(suite.steps, suite.target))
      throw new UsageError('the suite tests "lab": give --config lab.yaml or --target host=…,secret=…');
    if (f.config) {
      dataDir = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-'));
      engine = await Engine.create({
        configPath: resolve(f.config),
        defaultConfigPath: defaultConfigPath(),
        dataDir,
        log: silentLogger,
      });
      await engine.start();
    }
    const e = engine;
    const sink: TraceSink = e ? e.trace : { append: () => 0 };
    const result = await runSuite(suite, basename(path), {
      trace: sink,
      dictionary: e ? labDictionary(e.lab).dictionary : bundledDictionary().dictionary,
      lab: () => (e ? engineLabTarget(e) : undefined),
      override,
      vars,
      baseDir: dirname(path),
      onStep: f.json ? undefined : (_i, _n, s) => printStep(io, s, ''),
    });
    // Without an engine there is no packet trace to link to.
    if (!e) stripTraceIds(result.steps);
    if (f.junit) writeFileSync(f.junit, junitXml(result));
    if (f.html) writeFileSync(f.html, htmlReport(result, { target: f.target ?? f.config }));
    if (f.json) io.out(JSON.stringify(result, null, 2));
    else summary(io, result);
    return result.failed === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof SuiteError) {
      for (const i of e.errors) io.err(`${file}:${i.line ?? '?'}: ${i.path}: ${i.message}`);
      return 2;
    }
    if (e instanceof UsageError || e instanceof LabError) {
      io.err(`aaa-lab bench: ${e.message}`);
      return 2;
    }
    throw e;
  } finally {
    await engine?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

const MARK = { pass: '✓', fail: '✗', error: '!', skipped: '-' } as const;

function printStep(io: CliIo, s: BenchStepResult, indent: string): void {
  io.out(`${indent}${MARK[s.status]} ${s.path} ${s.name} (${s.status}, ${s.durationMs.toFixed(1)} ms)`);
  for (const a of s.assertions.filter((x) => !x.ok))
    io.out(`${indent}    ${a.field}: expected ${a.expected}, got ${a.actual}`);
  if (s.error) io.out(`${indent}    ${s.error}`);
  for (const c of s.children) printStep(io, c, `${indent}  `);
}

function summary(io: CliIo, r: BenchRunResult): void {
  for (const line of r.failures) io.err(line);
  io.out(
    `${r.suite}: ${r.passed}/${r.total} steps passed, ${r.failed} failed (${(r.durationMs / 1000).toFixed(2)} s)`,
  );
}

function usesLab(steps: Step[], dflt: string): boolean {
  return steps.some((s) =>
    s.type === 'repeat' ? usesLab(s.steps, dflt) : s.type !== 'wait' && (s.target ?? dflt) === 'lab',
  );
}

function stripTraceIds(steps: BenchStepResult[]): void {
  for (const s of steps) {
    s.traceIds = [];
    stripTraceIds(s.children);
  }
}

const TARGET_KEYS: Record<string, keyof TargetOverride> = {
  host: 'host',
  secret: 'secret',
  tacacs: 'tacacs',
  'radius-auth': 'radiusAuth',
  'radius-acct': 'radiusAcct',
  coa: 'coa',
};

/** `10.0.0.1` or `host=10.0.0.1,secret=s,tacacs=49,radius-auth=1812,radius-acct=1813,coa=3799`. */
export function parseTarget(spec: string): TargetOverride {
  if (!spec.includes('=')) return { host: spec.trim() };
  const out: TargetOverride = {};
  for (const part of spec.split(',')) {
    const [k = '', ...rest] = part.split('=');
    const key = TARGET_KEYS[k.trim()];
    const value = rest.join('=').trim();
    if (!key)
      throw new UsageError(`--target: unknown key "${k}" (one of ${Object.keys(TARGET_KEYS).join(', ')})`);
    if (key === 'host' || key === 'secret') out[key] = value;
    else {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 65535)
        throw new UsageError(`--target: ${k} must be a port, got "${value}"`);
      out[key] = n;
    }
  }
  return out;
}

function parseVar(v: string): [string, string] {
  const i = v.indexOf('=');
  if (i < 1) throw new UsageError(`--var: expected name=value, got "${v}"`);
  return [v.slice(0, i), v.slice(i + 1)];
}
