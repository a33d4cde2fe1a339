import { describe, expect, it } from 'vitest';
import type { FieldNodeDto } from '../../../contract/trace';
import { DECISION_CLOSED, treeKey, visibleItems } from './tree-nav';

const leaf = (label: string, offset: number): FieldNodeDto => ({ label, offset, length: 1 });
const roots: FieldNodeDto[] = [
  { label: 'Header', offset: 0, length: 2, children: [leaf('version', 0), leaf('type', 1)] },
  { label: 'Body', offset: 2, length: 2, children: [leaf('user', 2), leaf('data', 3)] },
];

describe('visibleItems', () => {
  it('lists open nodes with their children, then the Decision and its reasons', () => {
    const items = visibleItems(roots, new Set(['0']), 2);
    expect(items.map((x) => x.path)).toEqual([
      '0',
      '0/0',
      '0/1',
      '1',
      'decision',
      'decision/0',
      'decision/1',
    ]);
    expect(items.find((x) => x.path === '0/1')).toMatchObject({ depth: 1, parent: '0', expandable: false });
    expect(visibleItems(roots, new Set([DECISION_CLOSED]), 2).map((x) => x.path)).toEqual([
      '0',
      '1',
      'decision',
    ]);
  });
});

describe('treeKey: the WAI-ARIA tree keys', () => {
  const items = visibleItems(roots, new Set(['0']), 1);
  it('Up/Down move through the shown rows, Home/End jump, without leaving the tree', () => {
    expect(treeKey('ArrowDown', items, '0/1')).toEqual({ select: '1' });
    expect(treeKey('ArrowUp', items, '0')).toEqual({ select: '0' });
    expect(treeKey('End', items, '0')).toEqual({ select: 'decision/0' });
    expect(treeKey('Home', items, '1')).toEqual({ select: '0' });
    expect(treeKey('ArrowDown', items, undefined)).toEqual({ select: '0' });
  });
  it('Right opens a closed node, then enters it; Left closes an open one, then goes to the parent', () => {
    expect(treeKey('ArrowRight', items, '1')).toEqual({ toggle: '1' });
    expect(treeKey('ArrowRight', items, '0')).toEqual({ select: '0/0' });
    expect(treeKey('ArrowRight', items, '0/0')).toBeUndefined();
    expect(treeKey('ArrowLeft', items, '0/1')).toEqual({ select: '0' });
    expect(treeKey('ArrowLeft', items, '0')).toEqual({ toggle: '0' });
    expect(treeKey('ArrowLeft', items, 'decision/0')).toEqual({ select: 'decision' });
    expect(treeKey('Enter', items, 'decision')).toEqual({ toggle: 'decision' });
    expect(treeKey('x', items, '0')).toBeUndefined();
  });
});
