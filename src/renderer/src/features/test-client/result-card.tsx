import type { LabViewDto } from '../../../../contract/lab-view';
import type { AssertionDto } from '../../../../contract/test-client';
import { Badge, Note, type Tone } from '../../components/panel';
import { useApp } from '../../store';

export interface ResultView {
  /** Status or code name: PASS, FAIL, Access-Accept, CoA-NAK, or no-reply for either protocol. */
  status: string;
  pass: boolean;
  replied: boolean;
  ms: number;
  detail?: string;
  /** Reply attributes (RADIUS) or AV pairs (TACACS+). */
  attributes: ReadonlyArray<readonly [string, string]>;
  attributesTitle: string;
  notes: string[];
  assertions: AssertionDto[];
  error?: string;
  /** What this lab recorded and decided, when the request went to one of its listeners. */
  lab?: LabViewDto;
  /** The first packet's record: the lab's own when there is one, else the Test client's copy. */
  traceId?: number;
}

/** The answer at a glance: verdict, round trip, what came back and each expectation ✓/✗. */
export function ResultCard({ r }: { r: ResultView }) {
  const tone: Tone = r.pass ? 'ok' : r.replied ? 'bad' : 'warn';
  const failed = r.assertions.filter((a) => !a.ok).length;
  const openInTrace = useApp((s) => s.openInTrace);
  return (
    <div data-testid="client-result" data-status={r.status} data-pass={r.pass}>
      <div className="verdict">
        <Badge tone={tone}>{r.status}</Badge>
        <span className="meta">
          {r.replied ? `answered in ${r.ms.toFixed(1)} ms` : `no valid reply after ${r.ms.toFixed(0)} ms`}
          {r.detail && ` · ${r.detail}`}
        </span>
        {r.assertions.length > 0 && (
          <Badge tone={failed ? 'bad' : 'ok'}>
            {failed ? `${failed} of ${r.assertions.length} expectations failed` : 'expectations met'}
          </Badge>
        )}
        <span className="spacer" />
        {r.traceId !== undefined && (
          <button className="btn small" data-testid="open-in-trace" onClick={() => openInTrace(r.traceId!)}>
            Open in trace
          </button>
        )}
      </div>
      {r.lab && <LabVerdict lab={r.lab} />}
      {r.error && (
        <Note tone="warn" title="No reply">
          {r.error}
        </Note>
      )}
      {r.notes.map((n) => (
        <div key={n} className="meta">
          {n}
        </div>
      ))}
      {r.assertions.length > 0 && (
        <ul className="client-assertions" data-testid="client-assertions">
          {r.assertions.map((a, i) => (
            <li key={i} className={a.ok ? 'ok' : 'bad'} data-ok={a.ok}>
              <span aria-label={a.ok ? 'passed' : 'failed'}>{a.ok ? '✓' : '✗'}</span> {a.what}{' '}
              <span className="meta">— {a.detail}</span>
            </li>
          ))}
        </ul>
      )}
      {r.attributes.length > 0 && (
        <table className="grid client-attrs" data-testid="client-reply-attributes">
          <thead>
            <tr>
              <th>{r.attributesTitle}</th>
              <th>Value</th>
            </tr>
          </thead>
          <tbody>
            {r.attributes.map(([n, v], i) => (
              <tr key={i}>
                <td className="mono">{n}</td>
                <td className="mono">{v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The lab's own side of the exchange: its policy Decision, or why it could not answer. */
function LabVerdict({ lab }: { lab: LabViewDto }) {
  if (lab.diagnosis)
    return (
      <Note tone="warn" title="This lab says">
        <span data-testid="client-lab-diagnosis">{lab.diagnosis}</span>
      </Note>
    );
  if (!lab.decision) return null;
  const d = lab.decision;
  return (
    <div className="lab-verdict" data-testid="client-lab-decision">
      <Badge tone={d.allow ? 'ok' : 'bad'}>This lab: {d.allow ? 'allow' : 'deny'}</Badge>
      <ul>
        {d.reasons.map((why, i) => (
          <li key={i}>{why}</li>
        ))}
      </ul>
    </div>
  );
}
