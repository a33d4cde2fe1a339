import type { BenchRunResult, BenchStepResult } from '../../contract/bench';

const esc = (s: string) =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#39;' })[c]!);

const CSS = `
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1b1f24;background:#fff}
h1{font-size:20px;margin:0 0 4px}.meta{color:#57606a;margin-bottom:16px}
.badge{display:inline-block;padding:1px 8px;border-radius:10px;font-weight:600;font-size:12px}
.pass{background:#dafbe1;color:#116329}.fail,.error{background:#ffebe9;color:#a40e26}.skipped{background:#eaeef2}
table{border-collapse:collapse;width:100%;margin:6px 0 10px}td,th{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{font-weight:600;color:#57606a;font-size:12px}code{font:12px ui-monospace,monospace}
details{border:1px solid #d0d7de;border-radius:6px;padding:6px 10px;margin:6px 0}summary{cursor:pointer}
.bad td{color:#a40e26}.kids{margin-left:18px}
@media print{details{break-inside:avoid}}`;

/**
 * A self-contained HTML report (no script, no external resource) a person can attach to a change
 * ticket: totals, then each step with its expectations (expected vs actual) and the reply.
 */
export function htmlReport(r: BenchRunResult, opts: { target?: string } = {}): string {
  const verdict = r.failed === 0 ? 'pass' : 'fail';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(r.suite)}: ${verdict.toUpperCase()}</title>
<style>${CSS}</style></head><body>
<h1>${esc(r.suite)} <span class="badge ${verdict}">${verdict.toUpperCase()}</span></h1>
<div class="meta">${r.passed} of ${r.total} steps passed · ${(r.durationMs / 1000).toFixed(2)} s · ${esc(new Date(r.startedAt).toISOString())}${opts.target ? ` · target ${esc(opts.target)}` : ''} · AAA Lab bench</div>
${r.failures.length ? `<h2>Failures</h2><ul>${r.failures.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul>` : ''}
<h2>Steps</h2>
${r.steps.map(step).join('\n')}
</body></html>
`;
}

function step(s: BenchStepResult): string {
  const rows = s.assertions
    .map(
      (a) =>
        `<tr class="${a.ok ? '' : 'bad'}"><td>${a.ok ? '✓' : '✗'}</td><td>${esc(a.field)}</td><td><code>${esc(a.expected)}</code></td><td><code>${esc(a.actual)}</code></td></tr>`,
    )
    .join('');
  const reply = s.reply
    ? `<div>reply <code>${esc(s.reply.status)}</code>${s.reply.serverMsg ? ` · ${esc(s.reply.serverMsg)}` : ''}${
        s.reply.attributes.length
          ? `<br><code>${s.reply.attributes.map(([n, v]) => esc(`${n} = ${v}`)).join('<br>')}</code>`
          : ''
      }</div>`
    : '';
  return `<details${s.status === 'pass' ? '' : ' open'}><summary><span class="badge ${s.status}">${s.status}</span> ${esc(s.path)}. ${esc(s.name)} <span class="meta">${s.durationMs.toFixed(1)} ms</span></summary>
${s.error ? `<div class="bad"><code>${esc(s.error)}</code></div>` : ''}
${rows ? `<table><tr><th></th><th>field</th><th>expected</th><th>actual</th></tr>${rows}</table>` : ''}${reply}
${s.children.length ? `<div class="kids">${s.children.map(step).join('\n')}</div>` : ''}</details>`;
}
