import { useState } from 'react';
import type { AccountingFilter } from '../../../../contract/observability';
import { labApi } from '../../api';
import { ExportProgress, newExportId } from '../../components/export-progress';
import { Note } from '../../components/panel';
import { saveExport } from '../../lib/download';
import { errorMessage } from '../../lib/format';

const formats = [
  { format: 'csv', label: 'CSV' },
  { format: 'ndjson', label: 'NDJSON' },
  { format: 'json', label: 'JSON' },
  { format: 'tacplus', label: 'tac_plus log' },
] as const;

/** Export ▾: every record matching the applied filters through accounting.export, saved as a file. */
export function AccountingExportMenu({ filter, disabled }: { filter: AccountingFilter; disabled: boolean }) {
  const [busy, setBusy] = useState<string>();
  const [done, setDone] = useState<string>();
  const [error, setError] = useState<string>();

  async function run(format: (typeof formats)[number]['format']) {
    const id = newExportId();
    setBusy(id);
    setError(undefined);
    setDone(undefined);
    try {
      const out = await labApi.accounting.export({ format, filter, progressId: id });
      saveExport(out);
      setDone(`Saved ${out.filename} (${out.records} records)`);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <>
      <ExportProgress id={busy} />
      {done && <span className="meta">{done}</span>}
      <details className="menu" data-testid="accounting-export">
        <summary className={`btn${disabled || busy ? ' disabled' : ''}`} aria-disabled={disabled || !!busy}>
          Export ▾
        </summary>
        <div className="menu-items" role="menu">
          {formats.map((f) => (
            <button
              key={f.format}
              role="menuitem"
              className="btn small"
              disabled={disabled || busy !== undefined}
              onClick={(e) => {
                e.currentTarget.closest('details')?.removeAttribute('open');
                void run(f.format);
              }}
            >
              {f.label}
            </button>
          ))}
        </div>
      </details>
      {error && (
        <Note tone="bad" title="Export failed">
          {error}
        </Note>
      )}
    </>
  );
}
