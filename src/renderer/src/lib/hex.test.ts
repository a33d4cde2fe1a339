import { describe, expect, it } from 'vitest';
import { byteAscii, byteHex, byteKey, hexRows, hexToBytes, offsetLabel } from './hex';

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

describe('byteKey: the bytes pane cursor', () => {
  it('moves by a byte, a row and eight rows, and stays inside the packet', () => {
    expect(byteKey('ArrowRight', 3, 40)).toBe(4);
    expect(byteKey('ArrowLeft', 0, 40)).toBe(0);
    expect(byteKey('ArrowDown', 3, 40)).toBe(19);
    expect(byteKey('ArrowDown', 30, 40)).toBe(39);
    expect(byteKey('ArrowUp', 19, 40)).toBe(3);
    expect(byteKey('PageDown', 0, 400)).toBe(128);
    expect(byteKey('PageUp', 5, 400)).toBe(0);
    expect([byteKey('Home', 20, 40), byteKey('End', 2, 40)]).toEqual([0, 39]);
  });
  it('ignores other keys and an empty packet', () => {
    expect(byteKey('a', 3, 40)).toBeUndefined();
    expect(byteKey('ArrowRight', 0, 0)).toBeUndefined();
  });
});
