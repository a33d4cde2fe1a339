import type { ContractIssue } from '../../../../contract';
import { Note } from '../panel';
import type { EditState } from './use-edit';

/** After a save: what was saved, or why nothing was (problems outside the form's fields listed). */
export function EditStatus({ edit, shown }: { edit: EditState; shown: readonly string[] }) {
  if (edit.done)
    return (
      <div className="edit-done" role="status" data-testid="edit-done">
        {edit.done}
      </div>
    );
  if (!edit.error) return null;
  const other: ContractIssue[] = edit.otherIssues(shown);
  return (
    <Note tone="bad" title="Not saved">
      <div data-testid="edit-error">{edit.error}</div>
      {other.length > 0 && (
        <ul className="reasons">
          {other.map((i, n) => (
            <li key={n}>
              <code>{i.path}</code>: {i.message}
            </li>
          ))}
        </ul>
      )}
    </Note>
  );
}
