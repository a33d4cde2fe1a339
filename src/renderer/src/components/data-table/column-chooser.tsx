import type { Column } from './columns';

/** A "Columns" menu of checkboxes; the order of the columns stays the table's. */
export function ColumnChooser<R>({
  columns,
  shown,
  onChange,
}: {
  columns: readonly Column<R>[];
  shown: readonly string[];
  onChange(ids: string[]): void;
}) {
  return (
    <details className="menu" data-testid="column-chooser">
      <summary className="btn small">Columns</summary>
      <div className="menu-items" role="group" aria-label="Columns shown">
        {columns.map((c) => (
          <label key={c.id} className="check">
            <input
              type="checkbox"
              checked={shown.includes(c.id)}
              onChange={() =>
                onChange(
                  columns
                    .filter((x) => (x.id === c.id ? !shown.includes(c.id) : shown.includes(x.id)))
                    .map((x) => x.id),
                )
              }
            />
            {c.label}
          </label>
        ))}
      </div>
    </details>
  );
}
