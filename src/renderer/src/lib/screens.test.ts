import { describe, expect, it } from 'vitest';
import { hashFor, screenFromHash, screens, traceIdFromHash } from './screens';

describe('screens', () => {
  it('round-trips every screen through the hash', () => {
    for (const s of screens) expect(screenFromHash(hashFor(s.id))).toBe(s.id);
  });

  it('falls back to lab status for empty or unknown hashes', () => {
    expect(screenFromHash('')).toBe('status');
    expect(screenFromHash('#/nope')).toBe('status');
    expect(screenFromHash('#trace')).toBe('trace');
  });
});

describe('trace deep links', () => {
  it('reads the packet of #/trace?id=N', () => {
    expect(traceIdFromHash('#/trace?id=42')).toBe(42);
    expect(traceIdFromHash('#/trace?x=1&id=7')).toBe(7);
    expect(traceIdFromHash('#/trace')).toBeUndefined();
    expect(traceIdFromHash('#/client?id=4')).toBeUndefined();
  });
});
