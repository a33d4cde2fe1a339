import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchRun } from '../../src/cli/bench';
import type { CliIo } from '../../src/cli/io';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';
import { repoRoot } from '../support/fixtures';

// The example suites against the conformance lab on ephemeral ports: through the CLI with a
// --target override, and through the contract (bench.run) where "lab" is the engine itself.
let lab: TestEngine;
let target: string;
const work = mkdtempSync(join(tmpdir(), 'aaa-lab-bench-test-'));
const examples = readdirSync(join(repoRoot, 'examples')).filter((f) => f.endsWith('.yaml'));

beforeAll(async () => {
  lab = await startTestEngine({ ports: 'ephemeral' });
  target = [
    'host=127.0.0.1',
    'secret=testing123',
    `tacacs=${lab.port('tacacs')}`,
    `radius-auth=${lab.port('radius-auth')}`,
    `radius-acct=${lab.port('radius-acct')}`,
    `coa=${lab.port('coa')}`,
  ].join(',');
});
afterAll(() => lab?.engine.close());

function capture(): CliIo & { lines: string[]; errs: string[] } {
  const lines: string[] = [];
  const errs: string[] = [];
  return { lines, errs, out: (l) => lines.push(l), err: (l) => errs.push(l), exit: () => {} };
}
const flags = (extra: object = {}) => ({ var: [], target, ...extra });

describe('bench suites', () => {
  it.each(examples)('examples/%s passes through the CLI with --target', async (file) => {
    const io = capture();
    const code = await benchRun(join(repoRoot, 'examples', file), flags(), io);
    expect(io.errs).toEqual([]);
    expect(code).toBe(0);
    expect(io.lines.at(-1)).toMatch(/steps passed, 0 failed/);
  });

  it('runs an example through the contract against the engine itself, keeps it in the history, links the trace', async () => {
    const source = readFileSync(join(repoRoot, 'examples', 'bob-read-only.yaml'), 'utf8');
    const seen: number[] = [];
    const off = lab.engine.events.on('bench.progressed', (e) => seen.push(e.index));
    const r = await callProcedure(lab.engine, 'bench.run', { source, name: 'bob-read-only.yaml' });
    off();
    expect(r.failures).toEqual([]);
    expect(r.failed).toBe(0);
    expect(seen).toEqual(r.steps.map((_, i) => i));
    const id = r.steps[0]!.traceIds[0]!;
    expect((await callProcedure(lab.engine, 'trace.get', { id })).protocol).toBe('tacacs');
    const history = await callProcedure(lab.engine, 'bench.history', {});
    expect(history[0]).toMatchObject({ id: r.id, suite: 'bob read-only', failed: 0 });
    expect((await callProcedure(lab.engine, 'bench.historyGet', { id: r.id! })).source).toBe(source);
  });

  it('a wrong expectation fails (exit 1) naming the step, the field, expected and actual; JUnit parses', async () => {
    const suite = join(work, 'wrong.yaml');
    writeFileSync(
      suite,
      `name: wrong
steps:
  - name: bob may configure
    type: tacacs-authorize
    user: bob
    command: configure terminal
    expect: { status: pass }
  - name: alice gets priv 1
    type: radius-auth
    user: alice
    password: alice-pass
    expect: { attributes: [{ name: Cisco-AVPair, equals: "shell:priv-lvl=1" }] }
  - name: alice status
    type: radius-status
    expect: { status: accept }
`,
    );
    const io = capture();
    const junit = join(work, 'out.xml');
    const html = join(work, 'out.html');
    expect(await benchRun(suite, flags({ junit, html }), io)).toBe(1);
    expect(io.errs).toContain('step 1 "bob may configure": status: expected pass, got FAIL');
    expect(io.errs).toContain(
      'step 2 "alice gets priv 1": attribute Cisco-AVPair: expected "shell:priv-lvl=1", got "shell:priv-lvl=15"',
    );
    // An independent XML parser (Python's ElementTree) reads the JUnit file.
    const parsed = execFileSync(
      'python3',
      [
        '-c',
        `import sys, xml.etree.ElementTree as ET
r = ET.parse(sys.argv[1]).getroot()
s = r.find('testsuite')
print(r.tag, s.get('tests'), s.get('failures'), len(s.findall('testcase')), ';'.join(c.find('failure').get('message') for c in s.findall('testcase') if c.find('failure') is not None))`,
        junit,
      ],
      { encoding: 'utf8' },
    ).trim();
    expect(parsed).toBe(
      'testsuites 3 2 3 status: expected pass, got FAIL;attribute Cisco-AVPair: expected "shell:priv-lvl=1", got "shell:priv-lvl=15"',
    );
    const report = readFileSync(html, 'utf8');
    expect(report).toContain('<title>wrong: FAIL</title>');
    expect(report).not.toMatch(/<script|src=|href=/);
  });

  it('a malformed suite is refused (exit 2) with path and line', async () => {
    const suite = join(work, 'bad.yaml');
    writeFileSync(suite, 'steps:\n  - type: radius-auth\n    expect:\n      status: [1]\n');
    const io = capture();
    expect(await benchRun(suite, flags(), io)).toBe(2);
    expect(io.errs[0]).toMatch(/bad\.yaml:4: steps\[0\]\.expect\.status: .*expected string/);
    const usage = capture();
    expect(await benchRun(suite, flags({ target: 'host=x,port=1' }), usage)).toBe(2);
    expect(usage.errs[0]).toMatch(/unknown key "port"/);
  });
});
