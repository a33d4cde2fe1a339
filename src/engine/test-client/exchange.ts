import type { ExchangeEntryDto } from '../../contract/test-client';
import { toHex } from '../hex';
import { resolveDissection, type TraceSink } from '../trace/types';

/**
 * A trace sink that forwards every packet to the lab's trace and keeps a copy for the caller's
 * answer: the exchange shown under the result is exactly what the trace recorded, retransmissions
 * and requests that got no reply included, with the trace ids to open them there.
 */
export function captureExchange(trace: TraceSink): { sink: TraceSink; entries: ExchangeEntryDto[] } {
  const entries: ExchangeEntryDto[] = [];
  return {
    entries,
    sink: {
      append(input) {
        const traceId = trace.append(input);
        entries.push({
          direction: input.direction,
          summary: input.summary,
          hex: toHex(input.bytes),
          dissection: resolveDissection(input.dissection, input.bytes),
          diagnosis: input.diagnosis,
          traceId,
        });
        return traceId;
      },
    },
  };
}
