import type { z } from 'zod';
import type { EapResultDto, eapRequestSchema } from '../../../contract/test-client-eap';
import type { Dictionary } from '../../radius/dictionary/dictionary';
import type { TraceSink } from '../../trace/types';
import { checkExpectation } from '../assertions';
import { captureExchange } from '../exchange';
import { runEapClient } from './supplicant';

export type EapRequestInput = z.output<typeof eapRequestSchema>;

const pem = (s?: string): Buffer | undefined => (s?.trim() ? Buffer.from(s) : undefined);

/** The Test client's EAP request: the conversation, with every RADIUS packet in the trace (role client). */
export async function runEapRequest(
  req: EapRequestInput,
  deps: { trace: TraceSink; dictionary: Dictionary },
): Promise<EapResultDto> {
  const { sink, entries } = captureExchange(deps.trace);
  const t0 = performance.now();
  const r = await runEapClient({
    host: req.host,
    port: req.port,
    secret: req.secret,
    method: req.method,
    user: req.user,
    password: req.password,
    outerIdentity: req.outerIdentity?.trim() || undefined,
    tls: {
      ca: pem(req.ca),
      serverName: req.serverName?.trim() || undefined,
      cert: pem(req.cert),
      key: pem(req.key),
      maxVersion: req.tlsMaxVersion === '1.2' ? 'TLSv1.2' : 'TLSv1.3',
      fragmentSize: req.fragmentSize,
    },
    timeoutMs: req.timeoutMs,
    retries: req.retries,
    dictionary: deps.dictionary,
    trace: sink,
  });
  // The final reply's code is the status the expectation compares ("accept", "Access-Reject");
  // an Accept whose keys do not match is not a pass.
  const last = r.rounds.at(-1)?.reply;
  const assertions = checkExpectation(req.expect, {
    status: last && last !== 'no reply' ? last : undefined,
    pass: r.outcome === 'accept',
    attributes: r.replyAttributes,
  });
  return { ...r, exchange: entries, assertions, durationMs: performance.now() - t0 };
}
