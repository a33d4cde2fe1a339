import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { runEapRequest } from '../test-client/eap/eap-request';
import { seconds, targetOf, type Exchange, type RunContext } from './context';
import type { RadiusEapStep } from './suite-schema';

/** The status words a radius-eap step's `expect.status` compares with (Accept/Reject as RADIUS names them). */
const STATUS = { accept: 'Access-Accept', reject: 'Access-Reject', failure: 'EAP-failure' } as const;

/** A whole EAP conversation against the step's target (its RADIUS auth port and secret). */
export async function runEapStep(ctx: RunContext, s: RadiusEapStep): Promise<Exchange> {
  const t = targetOf(ctx, s.target);
  const secret = s.secret ?? t.radiusSecret;
  if (!secret) throw new Error(`no shared secret for ${t.name} (set secret on the target or the step)`);
  const pem = (f?: string) =>
    f === undefined
      ? undefined
      : readFileSync(isAbsolute(f) || !ctx.baseDir ? f : join(ctx.baseDir, f), 'utf8');
  const t0 = performance.now();
  const r = await runEapRequest(
    {
      host: t.host,
      port: t.ports.radiusAuth,
      secret,
      method: s.method,
      user: s.user,
      password: s.password ?? '',
      outerIdentity: s.outerIdentity,
      ca: pem(s.ca),
      serverName: s.serverName,
      cert: pem(s.cert),
      key: pem(s.key),
      tlsMaxVersion: s.tlsMaxVersion,
      timeoutMs: seconds(s.timeout, 3),
      retries: s.retries,
    },
    { trace: ctx.trace, dictionary: ctx.dictionary },
  );
  const replyMessages = r.replyAttributes.filter(([n]) => n === 'Reply-Message').map(([, v]) => v);
  return {
    outcome: {
      status: STATUS[r.outcome],
      pass: r.outcome === 'accept',
      // The reason a round failed reads as the server message (untrusted certificate, timeout, …).
      serverMsg: [...replyMessages, ...(r.reason ? [r.reason] : [])].join('\n'),
      attributes: r.replyAttributes,
      latencyMs: performance.now() - t0,
    },
    traceIds: r.exchange.flatMap((e) => (e.traceId === undefined ? [] : [e.traceId])),
  };
}
