import type { EapResultDto } from '../../../../contract/test-client-eap';
import { Badge, Note } from '../../components/panel';
import type { ResultView } from './result-card';

const MPPE = {
  match: ['ok', 'MS-MPPE keys match our MSK'],
  mismatch: ['bad', 'MS-MPPE keys do NOT match our MSK'],
  missing: ['warn', 'no MS-MPPE keys in the Access-Accept'],
} as const;

/** The EAP conversation's verdict in the shape the shared result card shows. */
export function eapView(r: EapResultDto): ResultView {
  const last = r.rounds.at(-1)?.reply;
  const replied = r.rounds.some((x) => x.reply !== 'no reply');
  const status =
    r.outcome === 'accept'
      ? 'Access-Accept'
      : r.outcome === 'reject'
        ? 'Access-Reject'
        : !replied
          ? 'no-reply'
          : last === 'Access-Accept'
            ? 'Access-Accept (failed check)'
            : 'EAP failure';
  return {
    status,
    pass: r.outcome === 'accept',
    replied,
    ms: r.durationMs,
    detail: `${r.rounds.length} round${r.rounds.length === 1 ? '' : 's'}`,
    attributes: r.replyAttributes,
    attributesTitle: 'Attribute',
    notes: r.notes,
    assertions: r.assertions,
    lab: r.lab,
    traceId: r.lab?.traceIds[0] ?? r.exchange.find((e) => e.traceId !== undefined)?.traceId,
  };
}

/** Each round as sent and answered, the MPPE key check, and the round that failed with why. */
export function EapRounds({ r }: { r: EapResultDto }) {
  return (
    <div className="eap-rounds">
      {r.mppe && (
        <div className="verdict" data-testid="eap-mppe" data-mppe={r.mppe}>
          <Badge tone={MPPE[r.mppe][0]}>{MPPE[r.mppe][1]}</Badge>
          <span className="meta">RFC 2548 §2.4.2-3: Recv-Key = MSK[0..31], Send-Key = MSK[32..63]</span>
        </div>
      )}
      {r.reason && (
        <Note tone={r.outcome === 'reject' ? 'bad' : 'warn'} title={`Round ${r.failedRound ?? '?'} failed`}>
          <span data-testid="eap-failure-reason">{r.reason}</span>
        </Note>
      )}
      <table className="grid" data-testid="eap-rounds">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Sent</th>
            <th>Reply</th>
            <th>Server&apos;s EAP</th>
          </tr>
        </thead>
        <tbody>
          {r.rounds.map((x) => (
            <tr key={x.round} className={x.round === r.failedRound ? 'eap-failed' : undefined}>
              <td className="num">{x.round}</td>
              <td className="mono">{x.sent}</td>
              <td className="mono">{x.reply}</td>
              <td className="mono">
                {x.received ?? ''}
                {x.note && <div className="meta">{x.note}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
