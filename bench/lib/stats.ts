/** Median and percentiles of a sample; benchmarks print these, never assert them. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

export function report(name: string, figures: Record<string, string | number>): void {
  const parts = Object.entries(figures).map(
    ([k, v]) => `${k}=${typeof v === 'number' ? fmt(v, v < 100 ? 2 : 0) : v}`,
  );
  console.log(`${name.padEnd(34)} ${parts.join('  ')}`);
}
