import type { TraceRecordDto } from '../../../../contract';
import type { AccountingFilter, AccountingRecordDto } from '../../../../contract/observability';
import { fieldValue } from './follow';

/** How far apart a packet's arrival and its stored record's time may be (both taken on receipt). */
const WINDOW_MS = 2_000;

/**
 * The accounting query that finds the record an accounting request packet was stored as: RADIUS by
 * its Acct-Session-Id (RFC 2866 §5.5), TACACS+ by user around the packet's time (a TACACS+
 * accounting REQUEST carries no session id of its own beyond the header's). Undefined for any other
 * packet.
 */
export function recordQueryOf(rec: TraceRecordDto): AccountingFilter | undefined {
  const ms = Math.floor(rec.timeUs / 1000);
  const around = { from: ms - WINDOW_MS, to: ms + WINDOW_MS };
  if (rec.protocol === 'radius-acct' && rec.replyTo === undefined) {
    const sessionId = fieldValue(rec.dissection, 'Acct-Session-Id');
    return sessionId === undefined ? undefined : { protocol: 'radius', sessionId, ...around };
  }
  if (rec.protocol === 'tacacs' && rec.summary.startsWith('Acct REQUEST') && rec.user)
    return { protocol: 'tacacs', user: rec.user, ...around };
  return undefined;
}

/** The record stored nearest in time to the packet. */
export function closestRecord(
  records: readonly AccountingRecordDto[],
  timeUs: number,
): AccountingRecordDto | undefined {
  const ms = timeUs / 1000;
  let best: AccountingRecordDto | undefined;
  for (const r of records) if (!best || Math.abs(r.time - ms) < Math.abs(best.time - ms)) best = r;
  return best;
}
