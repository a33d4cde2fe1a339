import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../contract/events';
import { labApi } from '../api';

type Progress = EventPayload<'export.progressed'>;

/** The latest export.progressed of the export named `id` while `id` is set (one export at a time). */
export function useExportProgress(id: string | undefined): Progress | undefined {
  const [progress, setProgress] = useState<Progress>();
  useEffect(() => {
    if (!id) return;
    return labApi.on('export.progressed', (p) => {
      if (p.id === id) setProgress(p);
    });
  }, [id]);
  return id && progress?.id === id ? progress : undefined;
}

/** "Exporting…" with a bar once the engine reports progress (exports of over ~10,000 records). */
export function ExportProgress({ id }: { id: string | undefined }) {
  const p = useExportProgress(id);
  if (!id) return null;
  return (
    <span className="export-progress meta" data-testid="export-progress">
      Exporting…
      {p && (
        <>
          <progress max={p.total} value={p.done} />
          {p.done.toLocaleString()} / {p.total.toLocaleString()}
        </>
      )}
    </span>
  );
}

/** A fresh id for one export's progress events. */
export function newExportId(): string {
  return `x${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
