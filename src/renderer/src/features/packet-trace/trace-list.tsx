import { useMemo } from 'react';
import { defaultColumnIds, visibleColumns } from '../../components/data-table/columns';
import { DataTable } from '../../components/data-table/data-table';
import { useApp } from '../../store';
import { rowTone, type ColourRule } from './coloring';
import { nestInner } from './nest-inner';
import { TRACE_COLUMNS } from './trace-columns';

/**
 * The packet list, oldest at the top. While it follows the tail new rows scroll in; once the user
 * scrolls up or picks a packet the view stays still and the new rows are counted instead.
 */
export function TraceList({ shown, rules }: { shown: readonly string[]; rules: readonly ColourRule[] }) {
  const rows = useApp((s) => s.traceRows);
  const selected = useApp((s) => s.selectedTraceId);
  const select = useApp((s) => s.selectTrace);
  const marked = useApp((s) => s.traceMarked);
  const toggleMark = useApp((s) => s.toggleTraceMark);
  const hasOlder = useApp((s) => s.traceHasOlder);
  const loadOlder = useApp((s) => s.loadOlderTrace);
  const following = useApp((s) => s.traceFollowing);
  const setFollowing = useApp((s) => s.setTraceFollowing);
  const { shownRows, innerOf } = useMemo(() => nestInner(rows), [rows]);

  return (
    <DataTable
      rows={shownRows}
      columns={visibleColumns(TRACE_COLUMNS, shown)}
      rowKey={(r) => r.id}
      selected={selected}
      onSelect={(id, e) => {
        // Ctrl/⌘-click picks rows for export, as in a packet analyser's "mark packet".
        if (e && (e.ctrlKey || e.metaKey)) toggleMark(id);
        else void select(id);
      }}
      rowClass={(r) => {
        const tone = rowTone(r, rules);
        const nested = innerOf.has(r.id) ? ' has-inner' : '';
        return `trace-row${tone ? ` c-${tone}` : ''}${marked.includes(r.id) ? ' marked' : ''}${nested}`;
      }}
      rowAttrs={(r) => {
        const n = innerOf.get(r.id);
        return { 'data-trace-id': r.id, 'data-role': r.role, ...(n && { 'data-inner': n }) };
      }}
      following={following}
      onFollowingChange={setFollowing}
      label="Packets"
      testId="trace-list"
      className="trace-list"
      before={
        hasOlder && (
          <div className="empty">
            <button className="btn small" onClick={() => void loadOlder()}>
              Load older packets
            </button>
          </div>
        )
      }
      empty={<div className="empty">No packets yet. Send a request to one of the lab&apos;s listeners.</div>}
    />
  );
}

export const DEFAULT_TRACE_COLUMNS = defaultColumnIds(TRACE_COLUMNS);
