import type { ContractIssue } from '../../../contract';

/** Problems with their field path and line, as the engine reports them; a row click jumps to the line. */
export function IssueList(props: {
  issues: readonly ContractIssue[];
  onLine?: (line: number) => void;
  testId?: string;
}) {
  if (props.issues.length === 0) return null;
  return (
    <table className="grid" data-testid={props.testId ?? 'issues'}>
      <thead>
        <tr>
          <th>Field</th>
          <th>Line</th>
          <th>Problem</th>
        </tr>
      </thead>
      <tbody>
        {props.issues.map((issue, i) => {
          const line = issue.line;
          const jump = line !== undefined && props.onLine ? () => props.onLine?.(line) : undefined;
          return (
            <tr
              key={i}
              className={jump ? 'issue-line' : undefined}
              onClick={jump}
              title={jump ? 'Go to line' : undefined}
            >
              <td>
                <code>{issue.path}</code>
              </td>
              <td className="num">{line ?? '—'}</td>
              <td>{issue.message}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
