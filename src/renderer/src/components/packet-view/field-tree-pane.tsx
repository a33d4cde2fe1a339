import { useEffect, useMemo, useRef, type KeyboardEvent } from 'react';
import type { TraceRecordDto } from '../../../../contract';
import { Note } from '../panel';
import { nodeAtPath, type FieldPath } from '../../lib/field-tree';
import { DECISION_CLOSED, DECISION_PATH, treeKey, visibleItems } from '../../lib/tree-nav';

/** What the pane shows of a packet: a trace record, or a Test client exchange entry. */
export type FieldTreeRecord = Pick<TraceRecordDto, 'id' | 'protocol' | 'length' | 'dissection'> &
  Partial<Pick<TraceRecordDto, 'diagnosis' | 'result' | 'decision'>>;

interface Props {
  record: FieldTreeRecord;
  selected?: FieldPath;
  expanded: ReadonlySet<FieldPath>;
  onSelect(path: FieldPath): void;
  onToggle(path: FieldPath): void;
}

/**
 * The dissection as an ARIA tree (label, value, byte range) plus a Decision node and the diagnosis
 * banner. One row is in the tab order (the selected one, else the first); arrow keys move the
 * selection, Left/Right close and open, Home/End jump, Enter/Space toggle.
 */
export function FieldTreePane({ record, selected, expanded, onSelect, onToggle }: Props) {
  const treeRef = useRef<HTMLDivElement>(null);
  const decision = record.decision;
  const items = useMemo(
    () => visibleItems(record.dissection, expanded, decision?.reasons.length),
    [record.dissection, expanded, decision],
  );
  const focusable = items.some((x) => x.path === selected) ? selected : items[0]?.path;
  // The Decision node is open unless DECISION_CLOSED is in the set.
  const toggle = (path: FieldPath) => onToggle(path === DECISION_PATH ? DECISION_CLOSED : path);

  // A selection made elsewhere (a hex byte) scrolls its row into view; focus stays where it is.
  useEffect(() => {
    if (selected === undefined) return;
    rowOf(treeRef.current, selected)?.scrollIntoView?.({ block: 'nearest' });
  }, [selected]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const move = treeKey(e.key, items, selected ?? focusable);
    if (!move) return;
    e.preventDefault();
    if ('toggle' in move) return toggle(move.toggle);
    onSelect(move.select);
    rowOf(treeRef.current, move.select)?.focus();
  };

  const row = (path: FieldPath, depth: number) => ({
    role: 'treeitem' as const,
    'aria-level': depth + 1,
    'aria-selected': selected === path,
    'data-field-path': path,
    tabIndex: path === focusable ? 0 : -1,
    onClick: () => onSelect(path),
  });

  return (
    <div className="pane" data-testid="field-tree">
      <div className="pane-title">
        Packet #{record.id} · {record.protocol} · {record.length} bytes
      </div>
      {record.diagnosis && (
        <div className="banner" data-testid="trace-diagnosis">
          <Note
            tone={record.result === 'pass' || record.result === 'info' ? 'info' : 'warn'}
            title="Diagnosis"
          >
            {record.diagnosis}
          </Note>
        </div>
      )}
      <div className="tree" role="tree" aria-label="Fields" ref={treeRef} onKeyDown={onKeyDown}>
        {items.map((it) => {
          if (it.path === DECISION_PATH || it.parent === DECISION_PATH) return null;
          const node = nodeAtPath(record.dissection, it.path);
          if (!node) return null;
          return (
            <div
              key={it.path}
              {...row(it.path, it.depth)}
              aria-expanded={it.expandable ? it.open : undefined}
              className={`tree-node${node.severity ? ` sev-${node.severity}` : ''}`}
              style={{ paddingLeft: it.depth * 14 + 4 }}
              onDoubleClick={() => it.expandable && toggle(it.path)}
            >
              <Twisty open={it.open} expandable={it.expandable} onToggle={() => toggle(it.path)} />
              <span className="label">{node.label}</span>
              {node.value !== undefined && <span className="value">{node.value}</span>}
              {node.length > 0 && (
                <span className="range">
                  [{node.offset}..{node.offset + node.length - 1}]
                </span>
              )}
            </div>
          );
        })}
        {decision && (
          <div role="none" data-testid="trace-decision">
            {items
              .filter((it) => it.path === DECISION_PATH || it.parent === DECISION_PATH)
              .map((it) =>
                it.path === DECISION_PATH ? (
                  <div
                    key={it.path}
                    {...row(it.path, 0)}
                    aria-expanded={it.open}
                    className={`tree-node decision ${decision.allow ? '' : 'sev-error'}`}
                    style={{ paddingLeft: 4 }}
                    onDoubleClick={() => toggle(it.path)}
                  >
                    <Twisty open={it.open} expandable onToggle={() => toggle(it.path)} />
                    <span className="label">Decision</span>
                    <span className="value">{decision.allow ? 'allow' : 'deny'}</span>
                  </div>
                ) : (
                  <div key={it.path} {...row(it.path, 1)} className="tree-node" style={{ paddingLeft: 18 }}>
                    <span className="twisty" />
                    <span className="label">{decision.reasons[Number(it.path.split('/')[1])]}</span>
                  </div>
                ),
              )}
          </div>
        )}
      </div>
    </div>
  );
}

function Twisty({ open, expandable, onToggle }: { open: boolean; expandable: boolean; onToggle(): void }) {
  return (
    <span
      className="twisty"
      aria-hidden="true"
      onClick={(e) => {
        e.stopPropagation();
        if (expandable) onToggle();
      }}
    >
      {expandable ? (open ? '▾' : '▸') : ''}
    </span>
  );
}

function rowOf(tree: HTMLElement | null, path: FieldPath): HTMLElement | null {
  return tree?.querySelector<HTMLElement>(`[data-field-path="${CSS.escape(path)}"]`) ?? null;
}
