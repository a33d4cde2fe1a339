import { sessionIdText } from '../packet-view';

/**
 * A batch of trace_index rows as the trace store hands it to the index: per row INDEX_NUMS numbers
 * (id, time_us, length, remote port, numeric session id, code) and INDEX_REFS indexes into `strs`
 * (device, username, session_id, remote address, summary; -1 = NULL, NUMERIC_SESSION_REF = the
 * numeric session id, shown as sessionIdText shows it). `code` packs protocol, direction and
 * result (see indexCode); the trace_rows view shows them as text again.
 *
 * The typed arrays are transferred to the index's worker thread and strings are sent once per run
 * of equal values. `batchParams` turns a batch into the INSERT's parameters; the worker runs the
 * same steps from its own source text (trace-index.ts), and a test holds the two to the same rows.
 */
export interface IndexBatch {
  rows: number;
  nums: Float64Array;
  refs: Int32Array;
  strs: string[];
}

export const INDEX_NUMS = 6;
export const INDEX_REFS = 5;
export const NUMERIC_SESSION_REF = -2;

/**
 * protocol (index in INDEX_PROTOCOLS) | direction << 3 (1 = out) | result << 4 (index in
 * INDEX_RESULTS, 0 = none): one integer column instead of three text ones, about a third of the
 * index writer's cost per row.
 */
export const INDEX_PROTOCOLS = ['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'] as const;
export const INDEX_RESULTS = [null, 'pass', 'fail', 'error', 'drop', 'info'] as const;

/** The index code's bit layout (trace-index.ts's view decodes it with the same constants). */
export const INDEX_PROTOCOL_MASK = 0b111;
export const INDEX_OUT_SHIFT = 3;
export const INDEX_RESULT_SHIFT = 4;
export const INDEX_RESULT_MASK = 0b111;

export function indexCode(protocol: number, out: boolean, result: number): number {
  return protocol | (out ? 1 << INDEX_OUT_SHIFT : 0) | (result << INDEX_RESULT_SHIFT);
}

/** The trace_index INSERT's parameters of every row of `b`, in column order, appended to `out`. */
export function batchParams(b: IndexBatch, out: unknown[]): unknown[] {
  const str = (r: number): string | null => (r < 0 ? null : b.strs[r]!);
  for (let i = 0; i < b.rows; i++) {
    const o = i * INDEX_NUMS;
    const r = i * INDEX_REFS;
    const session =
      b.refs[r + 2] === NUMERIC_SESSION_REF ? sessionIdText(b.nums[o + 4]!) : str(b.refs[r + 2]!);
    out.push(
      b.nums[o],
      b.nums[o + 1],
      b.nums[o + 5],
      str(b.refs[r]!),
      str(b.refs[r + 1]!),
      session,
      `${str(b.refs[r + 3]!)}:${b.nums[o + 3]}`,
      str(b.refs[r + 4]!),
      b.nums[o + 2],
    );
  }
  return out;
}
