import { CODES } from '../codec/constants';
import { getString } from '../codec/message';
import { maDropReason, maProblemText } from '../codec/sign';
import type { Outcome, RequestContext } from './request-context';

/**
 * A request whose Message-Authenticator cannot be verified — wrong value, a length other than 18, or
 * more than one instance — is silently discarded whatever its code (RFC 3579 §3.2, RFC 5176 §3.1,
 * RFC 5997 §3), before any handler sees it: a malformed one is never "absent". `undefined` when the
 * attribute is absent or verifies.
 */
export function unverifiableMA(rc: RequestContext): Outcome | undefined {
  const { checks, msg, device } = rc;
  if (checks.messageAuthenticator !== 'bad') return undefined;
  const whose = device ? `device ${device.device.name}'s secret` : 'the secret';
  const user = getString(msg, 'User-Name');
  if (msg.code === CODES['Access-Request']) rc.ctx.metrics.radius.auth.dropped.inc();
  return {
    result: 'drop',
    dropReason: maDropReason(checks),
    summary: `${msg.codeName} id=${msg.identifier}${user ? ` ${user}` : ''} discarded`,
    user,
    diagnosis: checks.maFault
      ? maProblemText(checks, whose)
      : `${maProblemText(checks, whose)}; ${rc.diagnose()}`,
  };
}
