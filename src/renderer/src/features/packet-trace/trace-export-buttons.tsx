import { useState } from 'react';
import { labApi } from '../../api';
import { ExportProgress, newExportId } from '../../components/export-progress';
import { Note } from '../../components/panel';
import { saveExport } from '../../lib/download';
import { errorMessage } from '../../lib/format';
import { compactFilter } from '../../lib/trace-rows';
import { useApp } from '../../store';

type Format = 'pcap' | 'csv' | 'json';

/**
 * pcap / CSV / JSON of every record in the ring that matches the filter, or of the marked rows
 * (Ctrl/⌘-click) when there are any, through trace.export: the Electron renderer has no HTTP.
 */
export function TraceExportButtons({ onResult }: { onResult: (r: ExportResult | undefined) => void }) {
  const filter = useApp((s) => s.traceFilter);
  const marked = useApp((s) => s.traceMarked);
  const total = useApp((s) => s.traceTotal);
  const [busy, setBusy] = useState<string>();
  // Key material is a secret: the key log is only saved when the user ticks this, per session.
  const [keyLog, setKeyLog] = useState(false);

  async function run(format: Format) {
    const id = newExportId();
    setBusy(id);
    onResult(undefined);
    try {
      const out = await labApi.trace.export({
        format,
        filter: compactFilter(filter),
        ids: marked.length ? [...marked].sort((a, b) => a - b) : undefined,
        tlsKeyLog: format === 'pcap' && keyLog,
        progressId: id,
      });
      saveExport(out);
      if (out.keyLog) saveExport({ ...out.keyLog, mime: 'text/plain' });
      onResult({
        filename: out.filename,
        records: out.records,
        tshark: out.tshark,
        keyLog: out.keyLog && { filename: out.keyLog.filename, sessions: out.keyLog.sessions },
      });
    } catch (err) {
      onResult({ error: errorMessage(err) });
    } finally {
      setBusy(undefined);
    }
  }

  const what = marked.length ? `the ${marked.length} marked packets` : 'every packet matching the filter';
  return (
    <>
      <ExportProgress id={busy} />
      {marked.length > 0 && <span className="badge info">{marked.length} marked</span>}
      <label
        className="check"
        title="Also save the TLS key log of the EAP tunnels (PEAP, TTLS, EAP-TLS) in the pcap, so tshark or Wireshark can decrypt them. It is key material: keep it as secret as the shared secrets."
      >
        <input
          type="checkbox"
          data-testid="trace-export-keylog"
          checked={keyLog}
          onChange={(e) => setKeyLog(e.target.checked)}
        />
        TLS key log
      </label>
      {(['pcap', 'csv', 'json'] as const).map((f) => (
        <button
          key={f}
          className="btn"
          data-testid={`trace-export-${f}`}
          disabled={busy !== undefined || (total === 0 && marked.length === 0)}
          title={`Save ${what} as ${f.toUpperCase()} (Ctrl/⌘-click rows to mark them)`}
          onClick={() => void run(f)}
        >
          {f === 'pcap' ? 'pcap' : f.toUpperCase()}
        </button>
      ))}
    </>
  );
}

export type ExportResult =
  | {
      filename: string;
      records: number;
      tshark?: string;
      keyLog?: { filename: string; sessions: number };
      error?: undefined;
    }
  | { error: string };

/** After an export: the file saved, and for pcap the tshark command that decodes it. */
export function TraceExportResult({ result, onClose }: { result: ExportResult; onClose: () => void }) {
  if (result.error !== undefined)
    return (
      <Note tone="bad" title="Export failed">
        {result.error}
      </Note>
    );
  return (
    <div className="export-hint" data-testid="trace-export-result">
      <Note tone="info" title={`Saved ${result.filename} (${result.records} records)`}>
        {result.tshark && (
          <>
            {' '}
            Decode it with tshark, putting each device&apos;s secret in place of its placeholder:
            <code data-testid="tshark-hint">{result.tshark}</code>
          </>
        )}
        {result.keyLog && (
          <div data-testid="trace-export-keylog-result">
            Saved {result.keyLog.filename}: the TLS keys of {result.keyLog.sessions} EAP tunnel
            {result.keyLog.sessions === 1 ? '' : 's'} (a secret; delete it when done).
          </div>
        )}{' '}
        <button className="btn small" onClick={onClose}>
          Dismiss
        </button>
      </Note>
    </div>
  );
}
