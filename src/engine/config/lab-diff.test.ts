import { describe, expect, it } from 'vitest';
import { labDiff } from './lab-diff';

describe('labDiff', () => {
  it('shows added and removed lines with secrets masked', () => {
    const before = 'devices:\n  - name: a\n    radiusSecret: old-secret\nusers: []\n';
    const after = 'devices:\n  - name: a\n    radiusSecret: new-secret\n  - name: b\nusers: []\n';
    const d = labDiff(before, after);
    expect(d).toBe('-     radiusSecret: <hidden>\n+     radiusSecret: <hidden>\n+   - name: b');
    expect(d).not.toMatch(/old-secret|new-secret/);
    expect(labDiff('x: 1\n', 'x: 1\n')).toBe('');
  });
});
