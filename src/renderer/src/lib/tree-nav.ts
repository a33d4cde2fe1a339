import type { FieldNodeDto } from '../../../contract/trace';
import type { FieldPath } from './field-tree';

/** The Decision node the field tree shows after the dissection: "decision", its reasons "decision/i". */
export const DECISION_PATH = 'decision';
/** The Decision node starts open; this entry in the expanded set closes it. */
export const DECISION_CLOSED = `${DECISION_PATH}:closed`;

/** One row of the tree as shown, in order: what the arrow keys move over. */
export interface VisibleItem {
  path: FieldPath;
  depth: number;
  expandable: boolean;
  open: boolean;
  parent?: FieldPath;
}

/** Rows in display order: expanded nodes' children follow them; then the Decision and its reasons. */
export function visibleItems(
  roots: readonly FieldNodeDto[],
  expanded: ReadonlySet<FieldPath>,
  decisionReasons?: number,
): VisibleItem[] {
  const out: VisibleItem[] = [];
  const walk = (nodes: readonly FieldNodeDto[], depth: number, parent?: FieldPath): void =>
    nodes.forEach((n, i) => {
      const path = parent === undefined ? String(i) : `${parent}/${i}`;
      const expandable = (n.children?.length ?? 0) > 0;
      const open = expandable && expanded.has(path);
      out.push({ path, depth, expandable, open, parent });
      if (open) walk(n.children!, depth + 1, path);
    });
  walk(roots, 0);
  if (decisionReasons !== undefined) {
    const open = !expanded.has(DECISION_CLOSED);
    out.push({ path: DECISION_PATH, depth: 0, expandable: decisionReasons > 0, open });
    if (open)
      for (let i = 0; i < decisionReasons; i++)
        out.push({
          path: `${DECISION_PATH}/${i}`,
          depth: 1,
          expandable: false,
          open: false,
          parent: DECISION_PATH,
        });
  }
  return out;
}

/** What a key does in the tree (WAI-ARIA tree view pattern): move to a row, or open/close one. */
export type TreeMove = { select: FieldPath } | { toggle: FieldPath } | undefined;

export function treeKey(
  key: string,
  items: readonly VisibleItem[],
  current: FieldPath | undefined,
): TreeMove {
  if (items.length === 0) return undefined;
  const at = items.findIndex((x) => x.path === current);
  const item = items[at];
  const to = (i: number): TreeMove => ({ select: items[Math.max(0, Math.min(items.length - 1, i))]!.path });
  if (!item) return key.startsWith('Arrow') || key === 'Home' || key === 'End' ? to(0) : undefined;
  switch (key) {
    case 'ArrowDown':
      return to(at + 1);
    case 'ArrowUp':
      return to(at - 1);
    case 'Home':
      return to(0);
    case 'End':
      return to(items.length - 1);
    case 'ArrowRight':
      if (!item.expandable) return undefined;
      return item.open ? to(at + 1) : { toggle: item.path };
    case 'ArrowLeft':
      if (item.expandable && item.open) return { toggle: item.path };
      return item.parent !== undefined ? { select: item.parent } : undefined;
    case 'Enter':
    case ' ':
      return item.expandable ? { toggle: item.path } : undefined;
    default:
      return undefined;
  }
}
