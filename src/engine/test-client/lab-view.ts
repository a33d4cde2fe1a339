import type { LabViewDto } from '../../contract/lab-view';
import type { ExchangeEntryDto } from '../../contract/test-client';
import type { TraceStore } from '../trace/trace-store';

/**
 * When the Test client talked to this lab, its packets were also recorded by the lab's server:
 * each entry gets that record's id, and the result the lab's own Decision or Diagnosis, so the card
 * can say why the lab answered as it did.
 */
export function withLabView<R extends { exchange: ExchangeEntryDto[]; lab?: LabViewDto }>(
  result: R,
  trace: Pick<TraceStore, 'twinOf' | 'get'>,
): R {
  const traceIds: number[] = [];
  let decision: LabViewDto['decision'];
  let diagnosis: string | undefined;
  for (const e of result.exchange) {
    const twin = e.traceId === undefined ? undefined : trace.twinOf(e.traceId);
    if (twin === undefined) continue;
    e.labTraceId = twin;
    traceIds.push(twin);
    const rec = trace.get(twin);
    decision ??= rec?.decision && { allow: rec.decision.allow, reasons: [...rec.decision.reasons] };
    diagnosis ??= rec?.diagnosis;
  }
  if (traceIds.length === 0) return result;
  result.lab = { traceIds, ...(decision && { decision }), ...(diagnosis !== undefined && { diagnosis }) };
  return result;
}
