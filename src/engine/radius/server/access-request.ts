import type { RequireMA } from '../../config/schema';
import { deny, type Decision } from '../../policy/decision';
import type { AttrInput } from '../codec/build';
import { CODES } from '../codec/constants';
import { getString, hasAvp } from '../codec/message';
import { accessCredentials, type AccessCredentials } from './access';
import { challengeAnswer, challengeOutcome } from './mfa-challenge';
import { replyPairs } from './reply-attrs';
import { idUserText } from '../../trace/summary-text';
import type { Outcome, RequestContext } from './request-context';

/** Effective requireMessageAuthenticator: the device's setting, else the lab's. */
function requiredMA(rc: RequestContext): RequireMA {
  return (
    rc.device?.device.requireMessageAuthenticator ??
    rc.ctx.lab().config.radius?.requireMessageAuthenticator ??
    false
  );
}

/**
 * Message-Authenticator policy for Access-Request (RFC 3579 §3.2, RFC 5080, BlastRADIUS): one that
 * cannot be verified never gets here (core.ts drops it through unverifiable-ma.ts); a missing one is
 * discarded when required, when "auto" has seen this client send one, or with EAP-Message.
 */
function checkMA(rc: RequestContext): string | undefined {
  const ma = rc.checks.messageAuthenticator;
  const mode = requiredMA(rc);
  if (ma === 'ok') {
    if (mode === 'auto') rc.seenMA.add(clientKey(rc));
    return undefined;
  }
  if (hasAvp(rc.msg, 'EAP-Message'))
    return 'EAP-Message without Message-Authenticator (RFC 3579 §3.2 requires one)';
  if (mode === true)
    return `Message-Authenticator required (requireMessageAuthenticator: true${rc.device?.device.requireMessageAuthenticator !== undefined ? ` on device ${rc.device.device.name}` : ''}) but absent`;
  if (mode === 'auto' && rc.seenMA.has(clientKey(rc)))
    return 'Message-Authenticator absent although this client has sent one before (requireMessageAuthenticator: auto)';
  return undefined;
}

/** Who "auto" remembers (built only in that mode: a string per request otherwise). */
function clientKey(rc: RequestContext): string {
  return `${rc.device?.device.name ?? ''}|${rc.inb.remote.address}`;
}

/** " PAP", " CHAP", …: summary suffixes as constants (their hashes are computed once). */
const METHOD_SUFFIX: Record<AccessCredentials['method'], string> = {
  PAP: ' PAP',
  CHAP: ' CHAP',
  'MS-CHAPv1': ' MS-CHAPv1',
  'MS-CHAPv2': ' MS-CHAPv2',
  MAB: ' MAB',
  none: ' none',
  EAP: ' EAP',
};

/**
 * An Access-Request's outcome: synchronous when the policy can answer without I/O (local users),
 * so the hot path never waits on a promise; a promise when a backend must be asked (LDAP, OIDC, MAB).
 */
export function handleAccess(rc: RequestContext): Outcome | Promise<Outcome> {
  const { msg } = rc;
  const user = getString(msg, 'User-Name') ?? '';
  const maProblem = checkMA(rc);
  if (maProblem) {
    rc.ctx.metrics.radius.auth.dropped.inc();
    return {
      result: 'drop',
      dropReason: 'missing-message-authenticator',
      summary: `Access-Request id=${msg.identifier} ${user} discarded`,
      user,
      diagnosis: maProblem,
    };
  }
  // A second factor's answer to our Access-Challenge (its own State table, apart from EAP's).
  const answered = challengeAnswer(rc, user);
  if (answered) return answered;
  const cred = accessCredentials(msg, user, rc.secret);
  if (cred.method === 'EAP') return rc.eap.handle(rc, user);
  const a: Answer = {
    rc,
    user,
    cred,
    summary: idUserText('Access-Request', msg.identifier, user, METHOD_SUFFIX[cred.method]),
    diagnosis:
      cred.passwordClean === false
        ? `User-Password does not decrypt cleanly with ${rc.device ? `device ${rc.device.device.name}'s` : 'the'} secret; ${rc.diagnose()}`
        : undefined,
  };
  if (cred.method === 'MAB') {
    // RFC 3580 §3.21: switches name the MAC in Calling-Station-Id too; User-Name is what they match on.
    const sent = user || (getString(msg, 'Calling-Station-Id') ?? '');
    return rc.ctx
      .policy()
      .mab({ device: rc.device, sent })
      .then((d) => accessOutcome(a, d));
  }
  if (!cred.credentials) {
    const why = 'no User-Password, CHAP-Password or MS-CHAP response';
    return accessOutcome(
      a,
      deny([rc.device ? `device ${rc.device.device.name}` : 'radsec client', `user ${user}`, why]),
    );
  }
  const req = { device: rc.device, username: user, credentials: cred.credentials };
  const policy = rc.ctx.policy();
  const now = policy.authenticateNow(req);
  return now ? accessOutcome(a, now) : policy.authenticate(req).then((d) => accessOutcome(a, d));
}

interface Answer {
  rc: RequestContext;
  user: string;
  cred: ReturnType<typeof accessCredentials>;
  summary: string;
  diagnosis?: string;
}

function accessOutcome({ rc, user, cred, summary, diagnosis }: Answer, decision: Decision): Outcome {
  if (decision.pending) return challengeOutcome(rc, decision, user, summary);
  if (decision.allow) {
    rc.ctx.metrics.radius.auth.accept.inc();
    return {
      reply: {
        code: CODES['Access-Accept'],
        attrs: cred.onAccept(),
        fixed: replyPairs(decision.radiusReply),
      },
      result: 'pass',
      summary,
      user,
      decision,
      diagnosis,
    };
  }
  rc.ctx.metrics.radius.auth.reject.inc();
  return {
    reply: { code: CODES['Access-Reject'], attrs: cred.onReject(), fixed: REJECTED },
    result: 'fail',
    summary,
    user,
    decision,
    diagnosis,
  };
}

const REJECTED: readonly AttrInput[] = [{ name: 'Reply-Message', value: 'Authentication failed' }];
