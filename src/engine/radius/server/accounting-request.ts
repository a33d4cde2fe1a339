import { CODES } from '../codec/constants';
import { getString } from '../codec/message';
import { accountingRecord, accountingStatus } from './accounting';
import { commitAccounting } from '../../store/types';
import type { Outcome, RequestContext } from './request-context';

export async function handleAccounting(rc: RequestContext): Promise<Outcome> {
  const { msg } = rc;
  const st = accountingStatus(msg);
  const user = getString(msg, 'User-Name');
  const session = getString(msg, 'Acct-Session-Id');
  const summary = `Accounting-Request id=${msg.identifier} ${st.label}${user ? ` ${user}` : ''}${session ? ` session=${session}` : ''}`;
  // RFC 2866 §3: a request whose authenticator does not verify is silently discarded (an
  // unverifiable Message-Authenticator was dropped before, by unverifiable-ma.ts).
  if (rc.checks.authenticator !== 'ok') {
    return {
      result: 'drop',
      dropReason: 'bad-authenticator',
      summary,
      user,
      diagnosis: `Request Authenticator does not verify with ${rc.device ? `device ${rc.device.device.name}'s` : 'the'} secret; ${rc.diagnose()}`,
    };
  }
  rc.ctx.metrics.radius.acct[st.status].inc();
  try {
    // Accounting-Response only after the record is committed (group commit: one transaction for
    // the records that arrived in the same turn).
    const rec = accountingRecord(msg, rc.inb.remote.address, rc.device?.device.name);
    await commitAccounting(rc.ctx.accounting, rec);
    rc.sessions.update(rec.status, {
      sessionId: rec.sessionId ?? '',
      nasAddress: rec.nasAddress,
      device: rec.device,
      username: rec.username,
      framedIp: getString(msg, 'Framed-IP-Address'),
    });
  } catch (e) {
    rc.ctx.log.error('accounting insert failed', { error: (e as Error).message });
    return {
      result: 'error',
      dropReason: 'store-error',
      summary,
      user,
      diagnosis: `record not stored (${(e as Error).message}); no Accounting-Response so the NAS retries`,
    };
  }
  return { reply: { code: CODES['Accounting-Response'], attrs: [] }, result: 'info', summary, user };
}
