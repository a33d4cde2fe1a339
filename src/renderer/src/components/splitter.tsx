import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

/**
 * A draggable divider between two panes of a grid; `fraction` is the first pane's share of the
 * parent. Arrow keys move it by 5 % so it works without a mouse.
 */
export function Splitter({
  direction,
  fraction,
  onChange,
  label,
}: {
  direction: 'rows' | 'columns';
  fraction: number;
  onChange(f: number): void;
  label: string;
}) {
  const dragging = useRef(false);
  const clamp = (f: number) => Math.min(0.9, Math.max(0.1, f));
  const move = (e: PointerEvent<HTMLDivElement>) => {
    if (!dragging.current) return;
    const parent = e.currentTarget.parentElement?.getBoundingClientRect();
    if (!parent) return;
    onChange(
      clamp(
        direction === 'rows'
          ? (e.clientY - parent.top) / parent.height
          : (e.clientX - parent.left) / parent.width,
      ),
    );
  };
  const key = (e: KeyboardEvent) => {
    const less = direction === 'rows' ? 'ArrowUp' : 'ArrowLeft';
    const more = direction === 'rows' ? 'ArrowDown' : 'ArrowRight';
    if (e.key !== less && e.key !== more) return;
    e.preventDefault();
    onChange(clamp(fraction + (e.key === more ? 0.05 : -0.05)));
  };
  return (
    <div
      className={`splitter ${direction}`}
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={direction === 'rows' ? 'horizontal' : 'vertical'}
      aria-valuenow={Math.round(fraction * 100)}
      aria-valuemin={10}
      aria-valuemax={90}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
      }}
      onPointerMove={move}
      onPointerUp={() => (dragging.current = false)}
      onKeyDown={key}
    />
  );
}
