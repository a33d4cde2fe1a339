import { useCallback } from 'react';
import type { AccountingRecordDto } from '../../../../contract/observability';
import { labApi } from '../../api';
import { useQuery } from '../use-query';
import { DYN_AUTH_REPLIES, dynAuthRequests, timelineSteps } from './timeline-steps';

/**
 * An accounting session's life in order: Start → Interim → Stop from the accounting store, and the
 * CoA / Disconnect requests the lab sent for it with their results, from the trace held.
 */
export function SessionTimeline({ record }: { record: AccountingRecordDto }) {
  const { sessionId, protocol } = record;
  const fetcher = useCallback(async () => {
    if (!sessionId) return undefined;
    const acct = labApi.accounting.query({ sessionId, protocol, limit: 100 });
    if (protocol !== 'radius') return { records: (await acct).records, requests: [], replies: [] };
    const [page, requests, replies] = await Promise.all([
      acct,
      labApi.trace.list({ expr: dynAuthRequests(sessionId), limit: 50 }),
      labApi.trace.list({ expr: DYN_AUTH_REPLIES, limit: 500 }),
    ]);
    return { records: page.records, requests: requests.rows, replies: replies.rows };
  }, [sessionId, protocol]);
  const { data } = useQuery(fetcher);
  if (!data) return null;
  const steps = timelineSteps(data.records, data.requests, data.replies);
  if (steps.length < 2) return null;
  return (
    <ol className="timeline" aria-label="Session timeline" data-testid="acct-timeline">
      {steps.map((s) => (
        <li
          key={`${s.kind}-${s.id}`}
          aria-current={s.kind === 'record' && s.id === record.id ? 'step' : undefined}
          data-result={s.kind === 'dynauth' ? s.result : undefined}
        >
          <span className="mono">{new Date(s.timeMs).toLocaleTimeString()}</span> {s.label}
        </li>
      ))}
    </ol>
  );
}
