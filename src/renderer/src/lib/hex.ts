/** Hex dump helpers for the packet trace's bytes pane (pure, no DOM). */

export interface HexRow {
  offset: number;
  bytes: number[];
}

/** Parses the contract's hex string (whitespace tolerated); throws on odd length or a non-hex digit. */
export function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0) throw new Error(`hex string has an odd length (${clean.length})`);
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw new Error('hex string contains a non-hex digit');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function hexRows(bytes: Uint8Array, width = 16): HexRow[] {
  const rows: HexRow[] = [];
  for (let offset = 0; offset < bytes.length; offset += width) {
    rows.push({ offset, bytes: Array.from(bytes.subarray(offset, offset + width)) });
  }
  return rows;
}

export function byteHex(b: number): string {
  return b.toString(16).padStart(2, '0');
}

/** Printable ASCII (0x20–0x7e) as itself, everything else as a dot, like every packet analyser. */
export function byteAscii(b: number): string {
  return b >= 0x20 && b <= 0x7e ? String.fromCharCode(b) : '.';
}

export function offsetLabel(offset: number): string {
  return offset.toString(16).padStart(4, '0');
}

const ROW = 16;

/** Where a key moves the bytes pane's cursor (Up/Down a row, PageUp/PageDown eight); undefined: not a move. */
export function byteKey(key: string, at: number, size: number): number | undefined {
  if (size === 0) return undefined;
  const clamp = (o: number) => Math.max(0, Math.min(size - 1, o));
  switch (key) {
    case 'ArrowRight':
      return clamp(at + 1);
    case 'ArrowLeft':
      return clamp(at - 1);
    case 'ArrowDown':
      return clamp(at + ROW);
    case 'ArrowUp':
      return clamp(at - ROW);
    case 'PageDown':
      return clamp(at + 8 * ROW);
    case 'PageUp':
      return clamp(at - 8 * ROW);
    case 'Home':
      return 0;
    case 'End':
      return size - 1;
    default:
      return undefined;
  }
}
