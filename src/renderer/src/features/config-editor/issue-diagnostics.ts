import type { Diagnostic } from '@codemirror/lint';
import type { Text } from '@codemirror/state';
import type { ContractIssue } from '../../../../contract';

/** An issue with a line marks that line from its first non-blank character; others stay in the list. */
export function toDiagnostics(
  doc: Text,
  r: { errors: ContractIssue[]; warnings: ContractIssue[] },
): Diagnostic[] {
  const mark = (i: ContractIssue, severity: 'error' | 'warning'): Diagnostic[] => {
    if (!i.line) return [];
    const l = doc.line(Math.min(i.line, doc.lines));
    const indent = /^\s*/.exec(l.text)?.[0].length ?? 0;
    return [
      {
        from: Math.min(l.from + indent, l.to),
        to: l.to,
        severity,
        message: i.path ? `${i.path}: ${i.message}` : i.message,
      },
    ];
  };
  return [...r.errors.flatMap((i) => mark(i, 'error')), ...r.warnings.flatMap((i) => mark(i, 'warning'))];
}
