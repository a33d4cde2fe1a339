import type { AttrInput } from '../codec/build';
import { CODES } from '../codec/constants';
import type { Outcome, RequestContext } from './request-context';

const UP: readonly AttrInput[] = [{ name: 'Reply-Message', value: 'AAA Lab RADIUS server is up' }];

/** RFC 5997 §3: Status-Server must carry a valid Message-Authenticator; answered on both ports. */
export function handleStatus(rc: RequestContext): Outcome {
  const summary = `Status-Server id=${rc.msg.identifier}`;
  if (rc.checks.messageAuthenticator !== 'ok') {
    const diagnosis =
      rc.checks.messageAuthenticator === 'absent'
        ? 'Status-Server without Message-Authenticator (RFC 5997 §3: discard)'
        : `Message-Authenticator does not verify; ${rc.diagnose()}`;
    return { result: 'drop', dropReason: 'missing-message-authenticator', summary, diagnosis };
  }
  const code = rc.inb.listener === 'acct' ? CODES['Accounting-Response'] : CODES['Access-Accept'];
  return {
    reply: { code, attrs: [], fixed: UP },
    result: 'info',
    summary,
  };
}
