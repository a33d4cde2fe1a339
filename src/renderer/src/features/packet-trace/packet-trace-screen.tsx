import { useEffect, useState } from 'react';
import { Note, ScreenHead } from '../../components/panel';
import { fieldRange } from '../../lib/field-tree';
import { useApp } from '../../store';
import { FieldTreePane } from './field-tree-pane';
import { HexPane } from './hex-pane';
import { TraceFilters } from './trace-filters';
import { TraceList } from './trace-list';
import { useFieldSelection } from './use-field-selection';
import { TraceExportButtons, TraceExportResult, type ExportResult } from './trace-export-buttons';

/** Three panes like a packet analyser: list, field tree, hex + ASCII, with linked selection. */
export function PacketTraceScreen() {
  const loadTrace = useApp((s) => s.loadTrace);
  const rows = useApp((s) => s.traceRows);
  const total = useApp((s) => s.traceTotal);
  const error = useApp((s) => s.traceError);
  const paused = useApp((s) => s.tracePaused);
  const missed = useApp((s) => s.traceMissed);
  const setPaused = useApp((s) => s.setTracePaused);
  const clearTrace = useApp((s) => s.clearTrace);
  const record = useApp((s) => s.traceRecord);
  const recordError = useApp((s) => s.traceRecordError);
  const { field, setField, expanded, toggle, selectByte } = useFieldSelection(record?.dissection, record?.id);
  const [exported, setExported] = useState<ExportResult>();

  useEffect(() => {
    void loadTrace();
  }, [loadTrace]);

  return (
    <div className="screen-full" data-testid="screen-trace">
      <ScreenHead title="Packet trace">
        <span className="meta" data-testid="trace-count">
          {rows.length} shown · {total} recorded
        </span>
        {paused && missed > 0 && <span className="badge warn">{missed} new while paused</span>}
        <span className="spacer" />
        <button className="btn" onClick={() => setPaused(!paused)}>
          {paused ? 'Resume live' : 'Pause live'}
        </button>
        <TraceExportButtons onResult={setExported} />
        <button className="btn" onClick={() => void clearTrace()}>
          Clear
        </button>
      </ScreenHead>
      <TraceFilters />
      {exported && <TraceExportResult result={exported} onClose={() => setExported(undefined)} />}
      {error && (
        <Note tone="bad" title="The trace could not be loaded">
          {error}
        </Note>
      )}
      <div className="trace-panes">
        <TraceList />
        <div className="trace-bottom">
          {record ? (
            <>
              <FieldTreePane
                record={record}
                selected={field}
                expanded={expanded}
                onSelect={setField}
                onToggle={toggle}
              />
              <HexPane
                hex={record.hex}
                range={fieldRange(record.dissection, field, record.length)}
                onByte={selectByte}
              />
            </>
          ) : (
            <>
              <div className="pane empty">{recordError ?? 'Select a packet to see its fields.'}</div>
              <div className="pane empty">Bytes appear here.</div>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
