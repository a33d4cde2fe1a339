import { useMemo, useState, type KeyboardEvent } from 'react';
import { byteAscii, byteHex, byteKey, hexRows, hexToBytes, offsetLabel } from '../../lib/hex';
import { Tabs } from '../tabs';

/** One byte view of the packet: the frame as on the wire, or its decrypted form. */
export interface ByteView {
  id: string;
  title: string;
  hex: string;
  /** Bytes that hold a secret the engine did not send (shown as ••). */
  masked?: ReadonlyArray<{ offset: number; length: number }>;
  /** What the view is: "body de-obfuscated with the tacacsSecret of device …". */
  note?: string;
}

interface Props {
  views: readonly ByteView[];
  /** The shown view's id (the first view when it names none of them). */
  shown: string;
  onShow(id: string): void;
  /** Highlighted byte range [start, end) of the selected field. */
  range: [number, number];
  onByte(offset: number): void;
}

/**
 * Offset | 16 hex bytes | ASCII, with a tab per byte view ("Frame", "Decrypted TACACS+") like a
 * packet analyser's bytes pane; the selected field's bytes are highlighted in whichever is shown.
 * The dump is focusable: arrow keys move a byte cursor (Up/Down by a row, Home/End, PageUp/PageDown
 * by eight rows) and select the field the byte belongs to.
 */
export function HexPane({ views, shown, onShow, range, onByte }: Props) {
  const [cur, setCur] = useState<{ at?: number; start: number; end: number }>({
    start: range[0],
    end: range[1],
  });
  const view = views.find((v) => v.id === shown) ?? views[0];
  const hex = view?.hex ?? '';
  const parsed = useMemo(() => {
    try {
      return { bytes: hexToBytes(hex) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [hex]);
  const masked = useMemo(() => maskSet(view?.masked), [view?.masked]);
  if (!view) return <div className="pane empty">Bytes appear here.</div>;
  if ('error' in parsed) return <div className="pane empty">Bytes unreadable: {parsed.error}</div>;
  const [start, end] = range;
  const size = parsed.bytes.length;
  // The cursor follows a field picked elsewhere (the tree) unless it is already inside it; a byte
  // no field covers leaves the selection, and the cursor, where they are.
  if (cur.start !== start || cur.end !== end) {
    const inside = cur.at !== undefined && cur.at >= start && cur.at < end;
    setCur({ at: inside || end <= start ? cur.at : start, start, end });
  }
  const cursor = Math.max(0, Math.min(size - 1, cur.at ?? start));
  const pick = (o: number) => {
    setCur((c) => ({ ...c, at: o }));
    onByte(o);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const to = byteKey(e.key, cursor, size);
    if (to === undefined) return;
    e.preventDefault();
    pick(to);
  };
  const cls = (o: number) => {
    const c = [o >= start && o < end && 'hl', masked.has(o) && 'masked', o === cursor && 'cursor'];
    return c.filter(Boolean).join(' ') || undefined;
  };
  return (
    <div className="pane" data-testid="hex-pane" data-view={view.id}>
      <div className="pane-title">
        {views.length > 1 ? (
          <Tabs
            className="byte-tabs"
            label="Byte views"
            tabs={views.map((v) => [v.id, v.title] as const)}
            selected={view.id}
            onSelect={onShow}
            testId={(id) => `bytes-tab-${id}`}
          />
        ) : (
          'Bytes'
        )}
        {end > start && (
          <span className="meta" aria-live="polite">
            selected {start}..{end - 1} ({end - start} bytes)
          </span>
        )}
      </div>
      {view.note && (
        <div className="meta byte-note" data-testid="bytes-note">
          {view.note}
        </div>
      )}
      <div
        className="hex"
        role={views.length > 1 ? 'tabpanel' : 'group'}
        aria-label={`${view.title}: arrow keys move the byte selection`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        data-testid="hex-bytes"
        data-cursor={cursor}
      >
        {hexRows(parsed.bytes).map((row) => (
          <div className="hex-row" key={row.offset}>
            <span className="hex-off">{offsetLabel(row.offset)}</span>
            <span className="hex-bytes">
              {row.bytes.map((b, i) => (
                <span
                  key={i}
                  className={cls(row.offset + i)}
                  data-offset={row.offset + i}
                  onClick={() => pick(row.offset + i)}
                >
                  {masked.has(row.offset + i) ? '••' : byteHex(b)}
                </span>
              ))}
            </span>
            <span className="hex-ascii">
              {row.bytes.map((b, i) => (
                <span key={i} className={cls(row.offset + i)} onClick={() => pick(row.offset + i)}>
                  {masked.has(row.offset + i) ? '•' : byteAscii(b)}
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}

function maskSet(spans: ByteView['masked']): ReadonlySet<number> {
  const out = new Set<number>();
  for (const s of spans ?? []) for (let o = s.offset; o < s.offset + s.length; o++) out.add(o);
  return out;
}
