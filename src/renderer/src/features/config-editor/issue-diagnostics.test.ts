import { Text } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { toDiagnostics } from './issue-diagnostics';

const doc = Text.of(['devices:', '  - name: a', '    match: 10.0.0.0/33', '']);

describe('toDiagnostics', () => {
  it('marks the issue line from its first non-blank character to its end, path first', () => {
    const [d] = toDiagnostics(doc, {
      errors: [{ path: 'devices[0].match', message: 'not a CIDR', line: 3 }],
      warnings: [],
    });
    const line = doc.line(3);
    expect(d).toMatchObject({ from: line.from + 4, to: line.to, severity: 'error' });
    expect(d!.message).toBe('devices[0].match: not a CIDR');
    expect(doc.sliceString(d!.from, d!.to)).toBe('match: 10.0.0.0/33');
  });

  it('keeps warnings as warnings, skips issues without a line, clamps lines past the end', () => {
    const out = toDiagnostics(doc, {
      errors: [{ path: '', message: 'no line' }],
      warnings: [{ path: 'x', message: 'late', line: 99 }],
    });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ severity: 'warning', from: doc.length, to: doc.length });
  });
});
