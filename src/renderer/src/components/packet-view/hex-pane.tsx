import { useMemo } from 'react';
import { byteAscii, byteHex, hexRows, hexToBytes, offsetLabel } from '../../lib/hex';

interface Props {
  hex: string;
  /** Highlighted byte range [start, end) of the selected field. */
  range: [number, number];
  onByte(offset: number): void;
}

/** Offset | 16 hex bytes | ASCII; the selected field's bytes are highlighted in both columns. */
export function HexPane({ hex, range, onByte }: Props) {
  const parsed = useMemo(() => {
    try {
      return { bytes: hexToBytes(hex) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }, [hex]);
  if ('error' in parsed) return <div className="pane empty">Bytes unreadable: {parsed.error}</div>;
  const [start, end] = range;
  const hl = (o: number) => (o >= start && o < end ? 'hl' : undefined);
  return (
    <div className="pane" data-testid="hex-pane">
      <div className="pane-title">
        Bytes
        {end > start && (
          <span className="meta">
            selected {start}..{end - 1} ({end - start} bytes)
          </span>
        )}
      </div>
      <div className="hex">
        {hexRows(parsed.bytes).map((row) => (
          <div className="hex-row" key={row.offset}>
            <span className="hex-off">{offsetLabel(row.offset)}</span>
            <span className="hex-bytes">
              {row.bytes.map((b, i) => (
                <span
                  key={i}
                  className={hl(row.offset + i)}
                  data-offset={row.offset + i}
                  onClick={() => onByte(row.offset + i)}
                >
                  {byteHex(b)}
                </span>
              ))}
            </span>
            <span className="hex-ascii">
              {row.bytes.map((b, i) => (
                <span key={i} className={hl(row.offset + i)} onClick={() => onByte(row.offset + i)}>
                  {byteAscii(b)}
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
    </div>
  );
}
