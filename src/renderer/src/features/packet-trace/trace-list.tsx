import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TraceRow } from '../../../../contract';
import { hostPort, latency, traceTime } from '../../lib/format';
import { useApp } from '../../store';

const ROW_HEIGHT = 22;

function flow(r: TraceRow): string {
  const local = hostPort(r.local.address, r.local.port);
  const remote = hostPort(r.remote.address, r.remote.port);
  return r.direction === 'in' ? `${remote} → ${local}` : `${local} → ${remote}`;
}

function marks(r: TraceRow): string {
  return [r.duplicate ? 'dup' : '', r.retransmit ? 'retx' : ''].filter(Boolean).join(' ');
}

/** Virtualised packet list, oldest at the top; it follows new rows while scrolled to the bottom. */
export function TraceList() {
  const rows = useApp((s) => s.traceRows);
  const selected = useApp((s) => s.selectedTraceId);
  const select = useApp((s) => s.selectTrace);
  const marked = useApp((s) => s.traceMarked);
  const toggleMark = useApp((s) => s.toggleTraceMark);
  const hasOlder = useApp((s) => s.traceHasOlder);
  const loadOlder = useApp((s) => s.loadOlderTrace);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);

  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  useEffect(() => {
    if (atBottom.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
  }, [rows.length, virtualizer]);

  const move = (delta: number) => {
    const index = rows.findIndex((r) => r.id === selected);
    const next = rows[Math.max(0, Math.min(rows.length - 1, (index < 0 ? rows.length : index) + delta))];
    if (next) {
      void select(next.id);
      virtualizer.scrollToIndex(rows.indexOf(next));
    }
  };

  return (
    <div
      className="pane trace-list"
      ref={scroller}
      tabIndex={0}
      role="grid"
      aria-label="Packets"
      aria-rowcount={rows.length}
      data-testid="trace-list"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
      }}
      onKeyDown={(e) => {
        if (e.key === 'ArrowDown') move(1);
        else if (e.key === 'ArrowUp') move(-1);
        else return;
        e.preventDefault();
      }}
    >
      <div className="trace-head" role="row">
        <div>No.</div>
        <div>Time</div>
        <div>Dir</div>
        <div>Protocol</div>
        <div>Flow</div>
        <div>Device</div>
        <div>User</div>
        <div>Summary</div>
        <div>Result</div>
        <div>Latency</div>
      </div>
      {hasOlder && (
        <div className="empty">
          <button className="btn small" onClick={() => void loadOlder()}>
            Load older packets
          </button>
        </div>
      )}
      {rows.length === 0 && (
        <div className="empty">No packets yet. Send a request to one of the lab&apos;s listeners.</div>
      )}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rows[item.index];
          if (!r) return null;
          return (
            <div
              key={r.id}
              role="row"
              aria-selected={r.id === selected}
              className={`trace-row${r.result ? ` r-${r.result}` : ''}${marked.includes(r.id) ? ' marked' : ''}`}
              data-trace-id={r.id}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={(e) => {
                // Ctrl/⌘-click picks rows for export, as in a packet analyser's "mark packet".
                if (e.ctrlKey || e.metaKey) toggleMark(r.id);
                else void select(r.id);
              }}
            >
              <div>{r.id}</div>
              <div>{traceTime(r.timeUs)}</div>
              <div>{r.direction === 'in' ? '→' : '←'}</div>
              <div>{r.protocol}</div>
              <div title={flow(r)}>{flow(r)}</div>
              <div>{r.device ?? '?'}</div>
              <div>{r.user ?? ''}</div>
              <div title={r.diagnosis ?? r.summary}>
                {r.summary}
                {marks(r) && <span className="tag">{marks(r)}</span>}
              </div>
              <div>{r.result ?? ''}</div>
              <div>{latency(r.latencyUs)}</div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
