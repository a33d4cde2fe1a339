export type AccountingStatus = 'start' | 'stop' | 'watchdog' | 'interim' | 'on' | 'off' | 'other';

export interface AccountingInput {
  protocol: 'tacacs' | 'radius';
  /** ms since the epoch, when the server received the record. */
  time: number;
  device?: string;
  /** The NAS's source address. */
  nasAddress: string;
  username?: string;
  /** TACACS+ task_id or RADIUS Acct-Session-Id. */
  sessionId?: string;
  status: AccountingStatus;
  /** TACACS+ `cmd` (+ args) for command accounting. */
  command?: string;
  nasPort?: string;
  remoteAddress?: string;
  /** Every AV pair / attribute as received, by name, multi-valued where repeated. */
  attributes: Record<string, string | string[]>;
}

export interface AccountingRecord extends AccountingInput {
  id: number;
}

/** Durable accounting: `insert` returns only after the row is committed (better-sqlite3 is synchronous). */
export interface AccountingSink {
  insert(record: AccountingInput): number;
  /**
   * Group commit: resolves once the record is committed, together with every other record that
   * arrived in the same event-loop turn (one transaction for all of them). Servers acknowledge only
   * after it resolves; a rejected promise means the record was not stored.
   */
  commit?(record: AccountingInput): Promise<number>;
}

/** Commits through the sink's group commit where it has one. */
export function commitAccounting(sink: AccountingSink, record: AccountingInput): Promise<number> {
  if (sink.commit) return sink.commit(record);
  try {
    return Promise.resolve(sink.insert(record));
  } catch (e) {
    return Promise.reject(e);
  }
}
