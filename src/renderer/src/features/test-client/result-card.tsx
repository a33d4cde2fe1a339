import type { AssertionDto } from '../../../../contract/test-client';
import { Badge, Note, type Tone } from '../../components/panel';

export interface ResultView {
  /** Status or code name: PASS, FAIL, Access-Accept, CoA-NAK, NO_REPLY, no-reply. */
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
}

/** The answer at a glance: verdict, round trip, what came back and each expectation ✓/✗. */
export function ResultCard({ r }: { r: ResultView }) {
  const tone: Tone = r.pass ? 'ok' : r.replied ? 'bad' : 'warn';
  const failed = r.assertions.filter((a) => !a.ok).length;
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
      </div>
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
