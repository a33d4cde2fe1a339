import { BoundedMap } from '../../bounded';
import { randomBuffer } from '../../crypto/random-pool';
import type { EngineContext } from '../../context';
import type { Decision } from '../../policy/decision';
import { CODES } from '../codec/constants';
import { getRaw, hasAvp } from '../codec/message';
import { accessCredentials } from './access';
import { idUserText } from '../../trace/summary-text';
import { replyPairs } from './reply-attrs';
import type { Outcome, RequestContext } from './request-context';

/**
 * RADIUS second factor (RFC 2865 §4.4, §5.24): a pending decision becomes an Access-Challenge with
 * Reply-Message (the prompt) and a fresh State; the NAS asks the user and sends a new Access-Request
 * echoing State, the code in User-Password. Its own small table, apart from EAP's conversations
 * (those carry EAP-Message): at most MAX_OPEN (the oldest go first), each entry expiring after
 * mfa.challengeTimeoutS (read per challenge, so it is kept in the entry), used once.
 */
interface Open {
  decision: Decision;
  user: string;
  client: string;
  expires: number;
}

const MAX_OPEN = 4096;

class Challenges {
  readonly #open = new BoundedMap<string, Open>(MAX_OPEN);

  add(o: Omit<Open, 'expires'>, ttlMs: number): Buffer {
    const state = randomBuffer(16);
    this.#open.set(state.toString('hex'), { ...o, expires: Date.now() + ttlMs });
    return state;
  }

  take(state: Buffer): Open | undefined {
    const key = state.toString('hex');
    const o = this.#open.get(key);
    if (!o) return undefined;
    this.#open.delete(key);
    return o.expires > Date.now() ? o : undefined;
  }
}

const tables = new WeakMap<EngineContext, Challenges>();
const tableOf = (ctx: EngineContext): Challenges => {
  let t = tables.get(ctx);
  if (!t) tables.set(ctx, (t = new Challenges()));
  return t;
};

/** The Access-Challenge for a decision whose second factor is pending. */
export function challengeOutcome(rc: RequestContext, d: Decision, user: string, summary: string): Outcome {
  const state = tableOf(rc.ctx).add(
    { decision: d, user, client: rc.inb.remote.address },
    rc.ctx.lab().config.mfa.challengeTimeoutS * 1000,
  );
  rc.ctx.metrics.radius.auth.challenge.inc();
  return {
    reply: {
      code: CODES['Access-Challenge'],
      attrs: [
        { name: 'Reply-Message', value: d.pending!.prompt },
        { name: 'State', value: state },
      ],
    },
    result: 'info',
    summary,
    user,
    decision: { allow: false, reasons: [...d.reasons, 'Access-Challenge sent (Reply-Message, State)'] },
  };
}

/**
 * The answer to one of our challenges (State ours, no EAP-Message): the code is the User-Password.
 * Undefined when the request is not such an answer.
 */
export function challengeAnswer(rc: RequestContext, user: string): Outcome | Promise<Outcome> | undefined {
  const state = getRaw(rc.msg, 'State');
  if (!state || hasAvp(rc.msg, 'EAP-Message')) return undefined;
  const open = tableOf(rc.ctx).take(state);
  if (!open) return undefined;
  // Made only for an answer (every other request, EAP rounds included, returned above).
  const summary = idUserText('Access-Request', rc.msg.identifier, user, ' TOTP');
  const cred = accessCredentials(rc.msg, user, rc.secret);
  const code = cred.credentials?.kind === 'password' ? cred.credentials.password : '';
  const d =
    open.user !== user || open.client !== rc.inb.remote.address
      ? {
          ...open.decision,
          allow: false,
          pending: undefined,
          reasons: [
            ...open.decision.reasons,
            'the answer to the challenge came from another user or client',
            'authentication failed',
          ],
        }
      : rc.ctx.policy().completeFactor(open.decision, code);
  // A backend's factor (Okta) answers over the network: the reply waits for it.
  return d instanceof Promise
    ? d.then((x) => answered(rc, x, user, summary))
    : answered(rc, d, user, summary);
}

function answered(rc: RequestContext, d: Decision, user: string, summary: string): Outcome {
  rc.ctx.metrics.radius.auth[d.allow ? 'accept' : 'reject'].inc();
  if (d.allow)
    return {
      reply: { code: CODES['Access-Accept'], attrs: [], fixed: replyPairs(d.radiusReply) },
      result: 'pass',
      summary,
      user,
      decision: d,
    };
  return {
    reply: {
      code: CODES['Access-Reject'],
      attrs: [{ name: 'Reply-Message', value: 'Authentication failed' }],
    },
    result: 'fail',
    summary,
    user,
    decision: d,
  };
}
