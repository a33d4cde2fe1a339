import type { TraceRow } from '../../../../contract';
import type { AccountingRecordDto } from '../../../../contract/observability';

/** One step of an accounting session's life: a record it sent, or a CoA/Disconnect the lab sent it. */
export type TimelineStep =
  | { kind: 'record'; id: number; timeMs: number; label: string }
  | {
      kind: 'dynauth';
      id: number;
      timeMs: number;
      /** "CoA-Request → CoA-NAK Error-Cause …", or "… → no reply". */
      label: string;
      result?: TraceRow['result'];
    };

/**
 * The display filter for the CoA and Disconnect requests the lab (its Test client, the RFC 5176
 * Dynamic Authorization Client) sent for a session, which name it by Acct-Session-Id (§3).
 */
export const dynAuthRequests = (sessionId: string) =>
  `coa && role == client && dir == out && radius.Acct-Session-Id == ${JSON.stringify(sessionId)}`;

/** …and the replies the Test client received (no Acct-Session-Id in them: matched below). */
export const DYN_AUTH_REPLIES = 'coa && role == client && dir == in';

/** The reply to a request the Test client sent: same NAS, same RADIUS Identifier, first after it. */
function replyOf(q: TraceRow, replies: readonly TraceRow[]): TraceRow | undefined {
  let best: TraceRow | undefined;
  for (const r of replies) {
    if (
      r.sessionId !== q.sessionId ||
      r.remote.address !== q.remote.address ||
      r.remote.port !== q.remote.port
    )
      continue;
    if (r.timeUs < q.timeUs || (best && best.timeUs <= r.timeUs)) continue;
    best = r;
  }
  return best;
}

const codeOf = (summary: string) => summary.split(' ')[0] ?? summary;

/** Records and CoA/Disconnect exchanges in time order. */
export function timelineSteps(
  records: readonly AccountingRecordDto[],
  requests: readonly TraceRow[],
  replies: readonly TraceRow[],
): TimelineStep[] {
  const steps: TimelineStep[] = records.map((r) => ({
    kind: 'record',
    id: r.id,
    timeMs: r.time,
    label: r.status,
  }));
  for (const q of requests) {
    const reply = replyOf(q, replies);
    const answer = reply ? reply.summary.replace(/\s+id=\d+/, '') : 'no reply';
    steps.push({
      kind: 'dynauth',
      id: q.id,
      timeMs: q.timeUs / 1000,
      label: `${codeOf(q.summary)} → ${answer}`,
      result: reply ? reply.result : 'error',
    });
  }
  return steps.sort((a, b) => a.timeMs - b.timeMs);
}
