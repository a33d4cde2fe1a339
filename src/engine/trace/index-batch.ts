import { sessionIdText } from './types';

/**
 * A batch of trace_index rows as the trace store hands it to the index: per row INDEX_NUMS numbers
 * (id, time_us, length, remote port, numeric session id) and INDEX_REFS indexes into `strs`
 * (protocol, direction, device, username, session_id, result, remote address, summary; -1 = NULL,
 * NUMERIC_SESSION_REF = the numeric session id, shown as sessionIdText shows it).
 *
 * The typed arrays are transferred to the index's worker thread and each distinct string is sent
 * once per batch. `batchParams` turns a batch into the INSERT's parameters; the worker runs the
 * same steps from its own source text (trace-index.ts), and a test holds the two to the same rows.
 */
export interface IndexBatch {
  rows: number;
  nums: Float64Array;
  refs: Int32Array;
  strs: string[];
}

export const INDEX_NUMS = 5;
export const INDEX_REFS = 8;
export const NUMERIC_SESSION_REF = -2;

/** The trace_index INSERT's parameters of every row of `b`, in column order, appended to `out`. */
export function batchParams(b: IndexBatch, out: unknown[]): unknown[] {
  const str = (r: number): string | null => (r < 0 ? null : b.strs[r]!);
  for (let i = 0; i < b.rows; i++) {
    const o = i * INDEX_NUMS;
    const r = i * INDEX_REFS;
    const session =
      b.refs[r + 4] === NUMERIC_SESSION_REF ? sessionIdText(b.nums[o + 4]!) : str(b.refs[r + 4]!);
    out.push(
      b.nums[o],
      b.nums[o + 1],
      str(b.refs[r]!),
      str(b.refs[r + 1]!),
      str(b.refs[r + 2]!),
      str(b.refs[r + 3]!),
      session,
      str(b.refs[r + 5]!),
      `${str(b.refs[r + 6]!)}:${b.nums[o + 3]}`,
      str(b.refs[r + 7]!),
      b.nums[o + 2],
    );
  }
  return out;
}
