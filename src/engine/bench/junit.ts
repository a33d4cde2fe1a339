import type { BenchRunResult, BenchStepResult } from '../../contract/bench';

const esc = (s: string) =>
  s
    .replace(
      /[<>&"']/g,
      (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!,
    )
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

/**
 * JUnit XML as CI pipelines read it (the Ant/Surefire dialect Jenkins, GitLab and GitHub Actions
 * reporters accept): one <testsuite> per run, one <testcase> per top-level step, a <failure> with
 * every failed expectation, an <error> for a step that could not run.
 */
export function junitXml(r: BenchRunResult): string {
  const failures = r.steps.filter((s) => s.status === 'fail').length;
  const errors = r.steps.filter((s) => s.status === 'error').length;
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const cases = r.steps.map((s) => testcase(r.suite, s, secs(s.durationMs)));
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="aaa-lab bench" tests="${r.total}" failures="${failures}" errors="${errors}" time="${secs(r.durationMs)}">`,
    `  <testsuite name="${esc(r.suite)}" tests="${r.total}" failures="${failures}" errors="${errors}" skipped="${r.total - r.steps.length}" time="${secs(r.durationMs)}" timestamp="${new Date(r.startedAt).toISOString()}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

function testcase(suite: string, s: BenchStepResult, time: string): string {
  const name = `${s.path}. ${s.name}`;
  const open = `    <testcase classname="${esc(suite)}" name="${esc(name)}" time="${time}"`;
  if (s.status === 'pass') return `${open}/>`;
  const lines = lineage(s);
  const tag = s.status === 'error' ? 'error' : 'failure';
  const message = lines[0] ?? s.status;
  return [
    `${open}>`,
    `      <${tag} message="${esc(message)}" type="${tag === 'error' ? 'StepError' : 'ExpectationFailed'}">${esc(lines.join('\n'))}</${tag}>`,
    ...(s.traceIds.length ? [`      <system-out>trace ids: ${s.traceIds.join(', ')}</system-out>`] : []),
    '    </testcase>',
  ].join('\n');
}

function lineage(s: BenchStepResult): string[] {
  return [
    ...s.assertions.filter((a) => !a.ok).map((a) => `${a.field}: expected ${a.expected}, got ${a.actual}`),
    ...(s.error ? [s.error] : []),
    ...s.children.flatMap((c) => lineage(c).map((l) => `step ${c.path} "${c.name}": ${l}`)),
  ];
}
