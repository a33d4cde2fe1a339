import { useVirtualizer } from '@tanstack/react-virtual';
import {
  useEffect,
  useLayoutEffect,
  useRef,
  type CSSProperties,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { gridTemplate, type Column } from './columns';
import { rowForKey } from './keys';

const ROW_HEIGHT = 22;

export interface DataTableProps<R> {
  rows: readonly R[];
  columns: readonly Column<R>[];
  rowKey(row: R): number;
  selected?: number;
  onSelect(key: number, e?: MouseEvent): void;
  rowClass?(row: R): string;
  rowAttrs?(row: R): Record<string, string | number>;
  /**
   * Following the tail: the list scrolls to each new row. The table reports when the user leaves
   * the bottom (scrolling up, clicking a row, a key other than End) and when they come back, so
   * the owner can stop adding rows and keep the view still, as a packet analyser does.
   */
  following: boolean;
  onFollowingChange(following: boolean): void;
  label: string;
  testId?: string;
  className?: string;
  /** Above the rows, under the header (e.g. "Load older"). */
  before?: ReactNode;
  empty?: ReactNode;
}

/** A virtualised table with a sticky header, row selection and packet-list keys. */
export function DataTable<R>(p: DataTableProps<R>) {
  const { rows, following } = p;
  const scroller = useRef<HTMLDivElement>(null);
  const firstKey = useRef<number | undefined>(undefined);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is used as documented
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  // Following the tail: straight to the bottom before paint. The virtualizer's scrollToIndex
  // re-checks the scroll height over several frames (a forced layout each time), which under a
  // flood of rows was the main cause of long frames.
  const autoTop = useRef<number | undefined>(undefined);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!following || !el || rows.length === 0) {
      autoTop.current = undefined;
      return;
    }
    // Scrolled up since our last jump, its scroll event not yet handled: the user leaves the tail.
    if (autoTop.current !== undefined && el.scrollTop < autoTop.current - ROW_HEIGHT) {
      autoTop.current = undefined;
      p.onFollowingChange(false);
      return;
    }
    el.scrollTop = el.scrollHeight;
    autoTop.current = el.scrollTop;
  }, [following, rows]); // eslint-disable-line react-hooks/exhaustive-deps -- p.onFollowingChange is the owner's setter

  // Older rows put in front must not move what the user is looking at.
  useLayoutEffect(() => {
    const first = rows[0] === undefined ? undefined : p.rowKey(rows[0]);
    const before = firstKey.current;
    firstKey.current = first;
    if (following || before === undefined || first === before || !scroller.current) return;
    const at = rows.findIndex((r) => p.rowKey(r) === before);
    if (at > 0) scroller.current.scrollTop += at * ROW_HEIGHT;
  });

  const selectedIndex = p.selected === undefined ? -1 : rows.findIndex((r) => p.rowKey(r) === p.selected);
  // A row selected from elsewhere (a link, a deep link) is brought into view once.
  const shownSelection = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (selectedIndex < 0 || shownSelection.current === p.selected) return;
    shownSelection.current = p.selected;
    if (!following) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, p.selected, following, virtualizer]);
  const onKeyDown = (e: React.KeyboardEvent) => {
    const page = Math.floor((scroller.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1;
    const to = rowForKey(e.key, selectedIndex, rows.length, page);
    const row = to === undefined ? undefined : rows[to];
    if (to === undefined || row === undefined) return;
    e.preventDefault();
    p.onFollowingChange(e.key === 'End');
    p.onSelect(p.rowKey(row));
    virtualizer.scrollToIndex(to, { align: e.key === 'End' ? 'end' : 'auto' });
  };

  const style = { '--cols': gridTemplate(p.columns) } as CSSProperties;
  return (
    <div
      className={`pane data-table ${p.className ?? ''}`}
      ref={scroller}
      style={style}
      tabIndex={0}
      role="grid"
      aria-label={p.label}
      aria-rowcount={rows.length}
      data-testid={p.testId}
      data-following={following}
      onScroll={(e) => {
        const el = e.currentTarget;
        const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < ROW_HEIGHT * 2;
        if (atBottom !== following) p.onFollowingChange(atBottom);
      }}
      onKeyDown={onKeyDown}
    >
      <div className="dt-head" role="row">
        {p.columns.map((c) => (
          <div key={c.id} role="columnheader">
            {c.label}
          </div>
        ))}
      </div>
      {p.before}
      {rows.length === 0 && p.empty}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const r = rows[item.index];
          if (r === undefined) return null;
          const key = p.rowKey(r);
          return (
            <div
              key={key}
              role="row"
              aria-selected={key === p.selected}
              className={`dt-row ${p.rowClass?.(r) ?? ''}`}
              {...p.rowAttrs?.(r)}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={(e) => {
                if (!(e.ctrlKey || e.metaKey)) p.onFollowingChange(false);
                p.onSelect(key, e);
              }}
            >
              {p.columns.map((c) => (
                <div key={c.id} role="gridcell" title={c.title?.(r)}>
                  {c.cell(r)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
