/** A mistake in how a command was called (exit 2, like commander's own usage errors). */
export class UsageError extends Error {}

/** A positive number of seconds (every command's --timeout), else a usage error naming the option. */
export function seconds(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--timeout: expected seconds > 0, got ${JSON.stringify(v)}`);
  return n;
}
