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
}
