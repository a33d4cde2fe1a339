import type { ReactNode } from 'react';
import type { LabFileDto } from '../../../contract/config-file';
import { Note } from './panel';

/**
 * "Running ≠ file": the lab file on disk is not what runs (edited outside the app, applied without
 * saving, or missing). Offers the file's text for the editor, or applying it as it is.
 */
export function FileDriftNote({
  file,
  path,
  busy,
  onLoadFile,
  onApplyFile,
  children,
}: {
  file: LabFileDto | undefined;
  path: string | undefined;
  busy: boolean;
  onLoadFile?: () => void;
  onApplyFile?: () => void;
  /** More actions (the Lab status screen's "Open the Config editor"). */
  children?: ReactNode;
}) {
  if (!file || file.state === 'same' || file.state === 'none') return null;
  const where = <code>{path ?? 'the lab file'}</code>;
  return (
    <div data-testid="file-drift" data-state={file.state}>
      <Note tone="warn" title="Running ≠ file">
        {file.state === 'differs' && (
          <span>
            {where} on disk differs from the lab that runs (edited outside the app, or applied without
            saving).
          </span>
        )}
        {file.state === 'missing' && (
          <span>{where} is gone from disk; Apply with “save to file” writes the running lab back.</span>
        )}
        {file.state === 'unreadable' && (
          <span>
            {where} cannot be read: {file.error}
          </span>
        )}
        {(onLoadFile || onApplyFile || children) && (
          <span className="row-actions">
            {file.state === 'differs' && onLoadFile && (
              <button className="btn" onClick={onLoadFile} disabled={busy}>
                Load the file into the editor
              </button>
            )}
            {file.state === 'differs' && onApplyFile && (
              <button className="btn primary" onClick={onApplyFile} disabled={busy}>
                Apply the file
              </button>
            )}
            {children}
          </span>
        )}
      </Note>
    </div>
  );
}
