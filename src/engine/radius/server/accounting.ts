import type { AccountingInput, AccountingStatus } from '../../store/types';
import { attributeRecord, getAvp, getString, type RadiusMessage } from '../codec/message';

/** RFC 2866 §5.1 Acct-Status-Type → the store's status. */
const STATUS: Record<number, AccountingStatus> = { 1: 'start', 2: 'stop', 3: 'interim', 7: 'on', 8: 'off' };

export function accountingStatus(m: RadiusMessage): { status: AccountingStatus; label: string } {
  const a = getAvp(m, 'Acct-Status-Type');
  const n = typeof a?.value === 'number' ? a.value : -1;
  return { status: STATUS[n] ?? 'other', label: a?.display ?? 'missing' };
}

/** The accounting row for an Accounting-Request (every attribute kept by name; hidden ones left out). */
export function accountingRecord(m: RadiusMessage, nasAddress: string, device?: string): AccountingInput {
  return {
    protocol: 'radius',
    time: Date.now(),
    device,
    nasAddress,
    username: getString(m, 'User-Name'),
    sessionId: getString(m, 'Acct-Session-Id'),
    status: accountingStatus(m).status,
    nasPort: getString(m, 'NAS-Port-Id') ?? getString(m, 'NAS-Port'),
    remoteAddress:
      getString(m, 'Framed-IP-Address') ??
      getString(m, 'Framed-IPv6-Address') ??
      getString(m, 'Calling-Station-Id'),
    attributes: attributeRecord(m),
  };
}
