import type { ContractIssue } from '../../../../contract';
import { IssueList } from '../../components/issue-list';
import { Note, Panel } from '../../components/panel';

export type Outcome =
  | { kind: 'valid'; warnings: ContractIssue[] }
  | { kind: 'invalid'; message: string; errors: ContractIssue[]; warnings: ContractIssue[] }
  | { kind: 'applied'; warnings: ContractIssue[] }
  | { kind: 'failed'; message: string; errors: ContractIssue[] };

/** What Validate or Apply said: every issue with its path and line (a click goes to the line). */
export function OutcomeView({ outcome, onLine }: { outcome: Outcome; onLine: (line: number) => void }) {
  const warnings = 'warnings' in outcome ? outcome.warnings : [];
  return (
    <div data-testid="config-outcome" data-kind={outcome.kind} style={{ display: 'grid', gap: 8 }}>
      {outcome.kind === 'valid' && (
        <Note tone="info" title="Valid">
          The lab file is valid. Apply to use it.
        </Note>
      )}
      {outcome.kind === 'applied' && (
        <Note tone="info" title="Applied">
          The lab now runs with this config.
        </Note>
      )}
      {(outcome.kind === 'invalid' || outcome.kind === 'failed') && (
        <Panel
          title={outcome.kind === 'failed' ? `Not applied: ${outcome.message}` : outcome.message}
          count={outcome.errors.length}
          flush
        >
          {outcome.errors.length > 0 ? (
            <IssueList issues={outcome.errors} onLine={onLine} testId="config-errors" />
          ) : (
            <div className="empty">No field details.</div>
          )}
        </Panel>
      )}
      {warnings.length > 0 && (
        <Panel title="Warnings" count={warnings.length} flush>
          <IssueList issues={warnings} onLine={onLine} testId="config-warnings" />
        </Panel>
      )}
    </div>
  );
}
