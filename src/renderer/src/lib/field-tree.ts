import type { FieldNodeDto } from '../../../contract/trace';

/** A field's position in the dissection tree: child indexes joined by "/", e.g. "0/2/1". */
export type FieldPath = string;

export function nodeAtPath(roots: readonly FieldNodeDto[], path: FieldPath): FieldNodeDto | undefined {
  let level: readonly FieldNodeDto[] | undefined = roots;
  let node: FieldNodeDto | undefined;
  for (const part of path.split('/')) {
    node = level?.[Number(part)];
    if (!node) return undefined;
    level = node.children;
  }
  return node;
}

/** Every proper ancestor of a path, outermost first: "0/2/1" → ["0", "0/2"]. */
export function ancestorPaths(path: FieldPath): FieldPath[] {
  const parts = path.split('/');
  const out: FieldPath[] = [];
  for (let i = 1; i < parts.length; i++) out.push(parts.slice(0, i).join('/'));
  return out;
}

function covers(node: FieldNodeDto, offset: number): boolean {
  return node.length > 0 && offset >= node.offset && offset < node.offset + node.length;
}

/**
 * The innermost field whose bytes include `offset`: what a click on a hex byte selects.
 * Descends while a child covers the byte; among overlapping siblings the first wins.
 */
export function innermostFieldAt(roots: readonly FieldNodeDto[], offset: number): FieldPath | undefined {
  let level: readonly FieldNodeDto[] | undefined = roots;
  let path: FieldPath | undefined;
  while (level) {
    const index = level.findIndex((n) => covers(n, offset));
    const hit: FieldNodeDto | undefined = level[index];
    if (!hit) break;
    path = path === undefined ? String(index) : `${path}/${index}`;
    level = hit.children;
  }
  return path;
}

/** Byte range [start, end) of a field, clamped to the packet; empty when the path is unknown. */
export function fieldRange(
  roots: readonly FieldNodeDto[],
  path: FieldPath | undefined,
  packetLength: number,
): [number, number] {
  const node = path === undefined ? undefined : nodeAtPath(roots, path);
  if (!node) return [0, 0];
  const start = Math.max(0, Math.min(node.offset, packetLength));
  return [start, Math.max(start, Math.min(node.offset + node.length, packetLength))];
}
