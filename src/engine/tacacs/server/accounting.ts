import { commitAccounting, type AccountingSink, type AccountingStatus } from '../../store/types';
import { commandLine } from '../../policy/commands';
import { allow, deny, type Decision } from '../../policy/decision';
import type { DeviceMatch } from '../../policy/devices';
import type { AcctReply, AcctRequest } from '../codec/acct-body';
import { avRecord, avValue, avValues } from '../codec/av-pairs';
import { AcctFlags, AcctStatus } from '../codec/constants';

export interface AcctOutcome {
  reply: Omit<AcctReply, 'kind'>;
  decision: Decision;
  status: AccountingStatus | 'invalid';
  recordId?: number;
}

const EMPTY = new Uint8Array(0);

/** §7.2 the valid flag combinations; WATCHDOG with START is an update carrying new values. */
function statusOf(flags: number): AccountingStatus | undefined {
  if (flags === AcctFlags.START) return 'start';
  if (flags === AcctFlags.STOP) return 'stop';
  if (flags === AcctFlags.WATCHDOG || flags === (AcctFlags.WATCHDOG | AcctFlags.START)) return 'watchdog';
  return undefined;
}

/**
 * RFC 8907 §7 accounting: the record is written with `accounting.insert`, which returns only after
 * the row is committed, and only then is SUCCESS sent (§7.2: the server must have stored it).
 */
export async function account(
  req: AcctRequest,
  env: { device: DeviceMatch; accounting: AccountingSink; nasAddress: string; now: number },
): Promise<AcctOutcome> {
  const status = statusOf(req.flags);
  if (!status) {
    const msg = `invalid accounting flags 0x${req.flags.toString(16)} (RFC 8907 §7.2)`;
    return {
      reply: { status: AcctStatus.ERROR, serverMsg: msg, data: EMPTY },
      decision: deny([msg]),
      status: 'invalid',
    };
  }
  const cmd = avValue(req.args, 'cmd');
  const attributes = avRecord(req.args);
  if (req.flags === (AcctFlags.WATCHDOG | AcctFlags.START)) attributes['watchdog-update'] = 'true';
  try {
    // Group commit where the sink has it: records of the same turn share one transaction.
    const id = await commitAccounting(env.accounting, {
      protocol: 'tacacs',
      time: env.now,
      device: env.device.device.name,
      nasAddress: env.nasAddress,
      username: req.user || undefined,
      sessionId: avValue(req.args, 'task_id'),
      status,
      command: cmd ? commandLine(cmd, avValues(req.args, 'cmd-arg')) : undefined,
      nasPort: req.port || undefined,
      remoteAddress: req.remAddr || undefined,
      attributes,
    });
    const decision = allow(
      [`device ${env.device.device.name}`, `accounting ${status} stored as record ${id}`],
      {
        user: req.user,
      },
    );
    return {
      reply: { status: AcctStatus.SUCCESS, serverMsg: '', data: EMPTY },
      decision,
      status,
      recordId: id,
    };
  } catch (e) {
    const msg = `accounting record not stored: ${(e as Error).message}`;
    return {
      reply: { status: AcctStatus.ERROR, serverMsg: 'accounting record not stored', data: EMPTY },
      decision: deny([msg]),
      status,
    };
  }
}
