import { forwardRef, useImperativeHandle, useMemo, useRef } from 'react';

export interface LineEditorHandle {
  goToLine(line: number): void;
}

/** A plain textarea with a line-number gutter (errors name lines; the gutter makes them findable). */
export const LineEditor = forwardRef<
  LineEditorHandle,
  { value: string; onChange: (v: string) => void; label: string }
>(function LineEditor({ value, onChange, label }, ref) {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLPreElement>(null);
  const lines = useMemo(() => {
    const n = value.split('\n').length;
    return Array.from({ length: n }, (_, i) => i + 1).join('\n');
  }, [value]);

  useImperativeHandle(ref, () => ({
    goToLine(line: number) {
      const el = area.current;
      if (!el) return;
      const parts = el.value.split('\n');
      const start = parts.slice(0, Math.max(0, line - 1)).reduce((n, l) => n + l.length + 1, 0);
      const end = start + (parts[line - 1]?.length ?? 0);
      el.focus();
      el.setSelectionRange(start, end);
      el.scrollTop = Math.max(0, (line - 5) * 18);
    },
  }));

  return (
    <div className="editor">
      <pre className="gutter mono" ref={gutter} aria-hidden="true">
        {lines}
      </pre>
      <textarea
        ref={area}
        aria-label={label}
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={(e) => {
          if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
        }}
      />
    </div>
  );
});
