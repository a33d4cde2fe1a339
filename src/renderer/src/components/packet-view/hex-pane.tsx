import { useMemo } from 'react';
import { byteAscii, byteHex, hexRows, hexToBytes, offsetLabel } from '../../lib/hex';

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
 */
export function HexPane({ views, shown, onShow, range, onByte }: Props) {
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
  const cls = (o: number) => {
    const c = `${o >= start && o < end ? 'hl' : ''}${masked.has(o) ? ' masked' : ''}`.trim();
    return c || undefined;
  };
  return (
    <div className="pane" data-testid="hex-pane" data-view={view.id}>
      <div className="pane-title">
        {views.length > 1 ? (
          <div className="tabs byte-tabs" role="tablist" aria-label="Byte views">
            {views.map((v) => (
              <button
                key={v.id}
                type="button"
                role="tab"
                className="tab"
                aria-selected={v.id === view.id}
                data-testid={`bytes-tab-${v.id}`}
                onClick={() => onShow(v.id)}
              >
                {v.title}
              </button>
            ))}
          </div>
        ) : (
          'Bytes'
        )}
        {end > start && (
          <span className="meta">
            selected {start}..{end - 1} ({end - start} bytes)
          </span>
        )}
      </div>
      {view.note && (
        <div className="meta byte-note" data-testid="bytes-note">
          {view.note}
        </div>
      )}
      <div className="hex" role={views.length > 1 ? 'tabpanel' : undefined} aria-label={view.title}>
        {hexRows(parsed.bytes).map((row) => (
          <div className="hex-row" key={row.offset}>
            <span className="hex-off">{offsetLabel(row.offset)}</span>
            <span className="hex-bytes">
              {row.bytes.map((b, i) => (
                <span
                  key={i}
                  className={cls(row.offset + i)}
                  data-offset={row.offset + i}
                  onClick={() => onByte(row.offset + i)}
                >
                  {masked.has(row.offset + i) ? '••' : byteHex(b)}
                </span>
              ))}
            </span>
            <span className="hex-ascii">
              {row.bytes.map((b, i) => (
                <span key={i} className={cls(row.offset + i)} onClick={() => onByte(row.offset + i)}>
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
