import { describe, expect, it } from 'vitest';
import { byteAscii, byteHex, hexRows, hexToBytes, offsetLabel } from './hex';

describe('hex helpers', () => {
  it('parses hex with whitespace and rejects odd or non-hex input', () => {
    expect(Array.from(hexToBytes('01 1f\nFF'))).toEqual([1, 31, 255]);
    expect(() => hexToBytes('abc')).toThrow(/odd/);
    expect(() => hexToBytes('zz')).toThrow(/non-hex/);
  });

  it('splits bytes into rows of 16 with offsets', () => {
    const rows = hexRows(new Uint8Array(40));
    expect(rows.map((r) => r.offset)).toEqual([0, 16, 32]);
    expect(rows[2]?.bytes).toHaveLength(8);
  });

  it('prints bytes like a packet analyser', () => {
    expect(byteHex(10)).toBe('0a');
    expect(byteAscii(0x41)).toBe('A');
    expect(byteAscii(0x7f)).toBe('.');
    expect(byteAscii(0x1f)).toBe('.');
    expect(offsetLabel(32)).toBe('0020');
  });
});
