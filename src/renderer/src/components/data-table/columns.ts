import type { ReactNode } from 'react';

/** One column of a DataTable: its header, its CSS grid width and how a row shows in it. */
export interface Column<R> {
  id: string;
  label: string;
  /** A CSS grid track: "64px", "minmax(200px, 1fr)". */
  width: string;
  cell(row: R): ReactNode;
  /** The cell's tooltip, when the text may be cut off. */
  title?(row: R): string | undefined;
  /** Shown unless the user hid it. */
  defaultVisible?: boolean;
}

export function visibleColumns<R>(all: readonly Column<R>[], shown: readonly string[]): Column<R>[] {
  const picked = all.filter((c) => shown.includes(c.id));
  return picked.length ? picked : all.slice(0, 1);
}

export function defaultColumnIds<R>(all: readonly Column<R>[]): string[] {
  return all.filter((c) => c.defaultVisible !== false).map((c) => c.id);
}

export function gridTemplate<R>(cols: readonly Column<R>[]): string {
  return cols.map((c) => c.width).join(' ');
}
