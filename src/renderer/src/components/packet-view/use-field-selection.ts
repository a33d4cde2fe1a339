import { useState } from 'react';
import type { FieldNodeDto } from '../../../../contract/trace';
import { ancestorPaths, innermostFieldAt, type FieldPath } from '../../lib/field-tree';

const topLevel = (roots: readonly FieldNodeDto[] | undefined) =>
  new Set(roots?.map((_, i) => String(i)) ?? []);

/**
 * The linked selection of a field tree and its hex pane, for one packet at a time: a new `packetKey`
 * opens the top-level fields and clears the selection; a clicked byte selects its innermost field.
 */
export function useFieldSelection(roots: readonly FieldNodeDto[] | undefined, packetKey: unknown) {
  const [field, setField] = useState<FieldPath>();
  const [expanded, setExpanded] = useState<Set<FieldPath>>(() => topLevel(roots));
  const [shownKey, setShownKey] = useState(packetKey);
  if (packetKey !== shownKey) {
    setShownKey(packetKey);
    setField(undefined);
    setExpanded(topLevel(roots));
  }

  const toggle = (path: FieldPath) =>
    setExpanded((cur) => {
      const next = new Set(cur);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  const selectByte = (offset: number) => {
    if (!roots) return;
    const path = innermostFieldAt(roots, offset);
    if (path === undefined) return;
    setField(path);
    setExpanded((cur) => new Set([...cur, ...ancestorPaths(path)]));
  };
  return { field, setField, expanded, toggle, selectByte };
}
