import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import type { TraceRecordDto } from '../../../../contract';
import { ColumnChooser } from '../../components/data-table/column-chooser';
import { ConfirmButton } from '../../components/confirm-button';
import { Note, ScreenHead } from '../../components/panel';
import { Splitter } from '../../components/splitter';
import { isFraction, isStringArray, usePersistent } from '../../lib/use-persistent';
import { appStore, useApp } from '../../store';
import { PacketView } from '../../components/packet-view/packet-view';
import { DEFAULT_RULES, isRules } from './coloring';
import { ColouringRules } from './coloring-rules';
import { InnerExchange } from './inner-exchange';
import { nestInner } from './nest-inner';
import { PacketLinks } from './packet-links';
import { DisplayFilterBar } from './display-filter-bar';
import { TraceFilters } from './trace-filters';
import { DEFAULT_TRACE_COLUMNS, TraceList } from './trace-list';
import { TRACE_COLUMNS } from './trace-columns';
import { TraceExportButtons, TraceExportResult, type ExportResult } from './trace-export-buttons';

/** Three panes like a packet analyser: list, field tree, hex + ASCII, with linked selection. */
export function PacketTraceScreen() {
  const loadTrace = useApp((s) => s.loadTrace);
  const rows = useApp((s) => s.traceRows);
  const total = useApp((s) => s.traceTotal);
  const shown = useMemo(() => nestInner(rows).shownRows.length, [rows]);
  const error = useApp((s) => s.traceError);
  const paused = useApp((s) => s.tracePaused);
  const following = useApp((s) => s.traceFollowing);
  const missed = useApp((s) => s.traceMissed);
  const setPaused = useApp((s) => s.setTracePaused);
  const setFollowing = useApp((s) => s.setTraceFollowing);
  const clearTrace = useApp((s) => s.clearTrace);
  const record = useApp((s) => s.traceRecord);
  const recordError = useApp((s) => s.traceRecordError);
  const [exported, setExported] = useState<ExportResult>();
  // An inner (decrypted) message picked in the selected packet's inner exchange, shown in its place.
  const [picked, setPicked] = useState<{ of: number; inner: TraceRecordDto }>();
  const inner = record && picked?.of === record.id ? picked.inner : undefined;
  const setInner = (r: TraceRecordDto | undefined) => setPicked(r && record && { of: record.id, inner: r });
  const [columns, setColumns] = usePersistent('trace.columns', DEFAULT_TRACE_COLUMNS, isStringArray);
  const [rules, setRules] = usePersistent('trace.colourRules', [...DEFAULT_RULES], isRules);
  const [listShare, setListShare] = usePersistent('trace.listShare', 0.48, isFraction);

  useEffect(() => {
    // Held elsewhere (a deep link, or the user left the view frozen): keep those rows.
    if (appStore.getState().traceFollowing) void loadTrace();
  }, [loadTrace]);

  const panes = { gridTemplateRows: `minmax(80px, ${listShare}fr) 6px minmax(120px, ${1 - listShare}fr)` };
  return (
    <div className="screen-full" data-testid="screen-trace">
      <ScreenHead title="Packet trace">
        <span className="meta" data-testid="trace-count">
          {shown} shown · {total} recorded
        </span>
        {missed > 0 && (paused || !following) && (
          <span className="badge warn" data-testid="trace-new">
            {missed} new{paused ? ' while paused' : ''}
          </span>
        )}
        {!following && !paused && (
          <button className="btn small" data-testid="trace-jump-end" onClick={() => setFollowing(true)}>
            Jump to end ↓
          </button>
        )}
        <span className="spacer" />
        <ColouringRules rules={rules} onChange={setRules} />
        <ColumnChooser columns={TRACE_COLUMNS} shown={columns} onChange={setColumns} />
        <button className="btn" onClick={() => setPaused(!paused)}>
          {paused ? 'Resume live' : 'Pause live'}
        </button>
        <TraceExportButtons onResult={setExported} />
        <ConfirmButton
          label="Clear"
          testId="trace-clear"
          question={`Delete all ${total} recorded packets of this run?`}
          confirmLabel="Clear trace"
          disabled={total === 0}
          onConfirm={() => void clearTrace()}
        />
      </ScreenHead>
      <DisplayFilterBar />
      <TraceFilters />
      {exported && <TraceExportResult result={exported} onClose={() => setExported(undefined)} />}
      {error && (
        <Note tone="bad" title="The trace could not be loaded">
          {error}
        </Note>
      )}
      <div className="trace-panes" style={panes as CSSProperties}>
        <TraceList shown={columns} rules={rules} />
        <Splitter direction="rows" fraction={listShare} onChange={setListShare} label="Resize packet list" />
        <div className="packet-area">
          {record && <PacketLinks record={record} />}
          {record && <InnerExchange record={record} shown={inner?.id} onShow={setInner} />}
          <PacketView record={inner ?? record} error={recordError} />
        </div>
      </div>
    </div>
  );
}
