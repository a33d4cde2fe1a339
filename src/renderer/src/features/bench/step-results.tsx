import type { BenchRunResult, BenchStepResult } from '../../../../contract/bench';
import { Badge, type Tone } from '../../components/panel';

const TONE: Record<BenchStepResult['status'], Tone> = {
  pass: 'ok',
  fail: 'bad',
  error: 'warn',
  skipped: 'neutral',
};

/** Each step: status, expected vs actual for every expectation, the reply, and its packets in the trace. */
export function StepResults({ steps }: { steps: BenchStepResult[] }) {
  return (
    <div className="bench-steps" data-testid="bench-steps">
      {steps.map((s) => (
        <StepRow key={s.path} s={s} />
      ))}
    </div>
  );
}

function StepRow({ s }: { s: BenchStepResult }) {
  return (
    <details
      className="bench-step"
      open={s.status !== 'pass'}
      data-testid={`bench-step-${s.path}`}
      data-status={s.status}
    >
      <summary>
        <Badge tone={TONE[s.status]}>{s.status}</Badge> <strong>{s.path}</strong> {s.name}{' '}
        <span className="meta">
          {s.durationMs.toFixed(1)} ms
          {s.reply && ` · ${s.reply.status}`}
        </span>{' '}
        {s.traceIds.map((id) => (
          <a key={id} className="meta" href={`#/trace?id=${id}`} title="open this packet in the Packet trace">
            #{id}{' '}
          </a>
        ))}
      </summary>
      {s.error && <div className="note warn">{s.error}</div>}
      {s.assertions.length > 0 && (
        <table className="table compact">
          <thead>
            <tr>
              <th />
              <th>field</th>
              <th>expected</th>
              <th>actual</th>
            </tr>
          </thead>
          <tbody>
            {s.assertions.map((a, i) => (
              <tr key={i} className={a.ok ? '' : 'bad'}>
                <td>{a.ok ? '✓' : '✗'}</td>
                <td>{a.field}</td>
                <td className="mono">{a.expected}</td>
                <td className="mono">{a.actual}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s.reply && s.reply.attributes.length > 0 && (
        <div className="mono meta">{s.reply.attributes.map(([n, v]) => `${n} = ${v}`).join(' · ')}</div>
      )}
      {s.children.length > 0 && (
        <div className="bench-children">
          <StepResults steps={s.children} />
        </div>
      )}
    </details>
  );
}

export function RunVerdict({ r }: { r: BenchRunResult }) {
  return (
    <div className="form-row" data-testid="bench-verdict" data-verdict={r.failed === 0 ? 'pass' : 'fail'}>
      <Badge tone={r.failed === 0 ? 'ok' : 'bad'}>{r.failed === 0 ? 'PASS' : 'FAIL'}</Badge>
      <span>
        {r.suite}: {r.passed}/{r.total} steps passed in {(r.durationMs / 1000).toFixed(2)} s
      </span>
    </div>
  );
}
