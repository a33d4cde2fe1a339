import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { FieldNodeDto } from '../../../contract/trace';
import { ancestorPaths, fieldRange, innermostFieldAt, nodeAtPath } from './field-tree';

// A RADIUS-like tree: header fields, then an attribute with type/length/value children.
const tree: FieldNodeDto[] = [
  { label: 'Code', value: 'Access-Request (1)', offset: 0, length: 1 },
  { label: 'Identifier', value: '17', offset: 1, length: 1 },
  { label: 'Length', value: '44', offset: 2, length: 2 },
  { label: 'Authenticator', offset: 4, length: 16 },
  {
    label: 'Attributes',
    offset: 20,
    length: 24,
    children: [
      {
        label: 'User-Name',
        value: 'alice',
        offset: 20,
        length: 7,
        children: [
          { label: 'Type', value: '1', offset: 20, length: 1 },
          { label: 'Length', value: '7', offset: 21, length: 1 },
          { label: 'Value', value: 'alice', offset: 22, length: 5 },
        ],
      },
      { label: 'User-Password', value: 'hidden (16 bytes)', offset: 27, length: 17 },
    ],
  },
];

describe('field tree', () => {
  it('finds the innermost field under a byte', () => {
    expect(innermostFieldAt(tree, 0)).toBe('0');
    expect(innermostFieldAt(tree, 3)).toBe('2');
    expect(innermostFieldAt(tree, 24)).toBe('4/0/2');
    expect(innermostFieldAt(tree, 30)).toBe('4/1');
    expect(innermostFieldAt(tree, 44)).toBeUndefined();
  });

  it('resolves paths and their ancestors', () => {
    expect(nodeAtPath(tree, '4/0/2')?.label).toBe('Value');
    expect(nodeAtPath(tree, '4/9')).toBeUndefined();
    expect(ancestorPaths('4/0/2')).toEqual(['4', '4/0']);
    expect(ancestorPaths('1')).toEqual([]);
  });

  it('gives a field its byte range, clamped to the packet', () => {
    expect(fieldRange(tree, '4/0', 44)).toEqual([20, 27]);
    expect(fieldRange(tree, '4', 30)).toEqual([20, 30]);
    expect(fieldRange(tree, undefined, 44)).toEqual([0, 0]);
  });

  it('a clicked byte always selects a field whose range contains it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 43 }), (offset) => {
        const path = innermostFieldAt(tree, offset);
        expect(path).toBeDefined();
        const [start, end] = fieldRange(tree, path, 44);
        expect(offset >= start && offset < end).toBe(true);
        // Innermost: no child of the selected node covers the byte.
        const node = nodeAtPath(tree, path as string);
        const deeper = node?.children?.some((c) => offset >= c.offset && offset < c.offset + c.length);
        expect(deeper ?? false).toBe(false);
      }),
    );
  });
});
