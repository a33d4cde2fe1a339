import { describe, expect, it } from 'vitest';
import { hashFor, screenFromHash, screens } from './screens';

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
