import {
  Document,
  isMap,
  isNode,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';

interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/**
 * The edited document as text, rewriting only what changed: a changed value inside block maps and
 * lists is replaced where it stands, so every other line keeps its exact bytes (comment alignment,
 * flow style, blank lines). Where a change cannot be placed that finely (an item added to or removed
 * from a list), the smallest enclosing entry is rendered again from the edited document, comments
 * included.
 */
export function renderEdited(source: string, before: Document, after: Document): string {
  const a = before.contents;
  const b = after.contents;
  if (!isMap(a) || !isMap(b) || a.items.length === 0) return after.toString();
  const edits: TextEdit[] = [];
  if (!spliceMap(source, a, b, edits, true)) return after.toString();
  let out = source;
  for (const e of edits.sort((x, y) => y.start - x.start))
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function spliceMap(source: string, a: YAMLMap, b: YAMLMap, edits: TextEdit[], top: boolean): boolean {
  if (a.flow || b.flow) return false;
  const local: TextEdit[] = [];
  for (const pa of a.items) {
    const pb = b.items.find((p) => keyOf(p) === keyOf(pa));
    const range = rangeOf(pa);
    if (!range) return false;
    if (!pb) {
      const start = top ? range.start : lineStart(source, range.start);
      if (start === undefined) return false;
      local.push({ start, end: range.end, text: '' });
    } else if (changed(pa.value, pb.value) && !spliceValue(source, pa.value, pb.value, local)) {
      local.push({ ...range, text: indentTail(renderPair(pb), column(source, range.start)) });
    }
  }
  const added = b.items.filter((pb) => !a.items.some((pa) => keyOf(pa) === keyOf(pb)));
  if (added.length) {
    const end = top ? source.length : a.range?.[2];
    const first = a.items[0];
    if (end === undefined || !first || !isScalar(first.key) || !first.key.range) return false;
    const col = column(source, first.key.range[0]);
    const pad = top ? (source.endsWith('\n') ? '\n' : '\n\n') : source[end - 1] === '\n' ? '' : '\n';
    const text = added.map((p) => ' '.repeat(col) + indentTail(renderPair(p), col)).join(top ? '\n' : '');
    local.push({ start: end, end, text: pad + text });
  }
  edits.push(...local);
  return true;
}

/** A list of the same length: each changed item that is a block map is spliced in turn. */
function spliceValue(source: string, a: unknown, b: unknown, edits: TextEdit[]): boolean {
  if (isMap(a) && isMap(b)) return spliceMap(source, a, b, edits, false);
  if (!isSeq(a) || !isSeq(b) || a.flow || b.flow) return false;
  if (b.items.length === a.items.length + 1) return appendItem(source, a, b, edits);
  if (b.items.length === a.items.length - 1) return removeItem(source, a, b, edits);
  if (a.items.length !== b.items.length) return false;
  const local: TextEdit[] = [];
  for (let i = 0; i < a.items.length; i++) {
    const x = a.items[i];
    const y = b.items[i];
    if (!changed(x, y)) continue;
    if (!isMap(x) || !isMap(y) || !spliceMap(source, x, y, local, false)) return false;
  }
  edits.push(...local);
  return true;
}

/** One item added at the end (a new device, user or group): written after the last one. */
function appendItem(source: string, a: YAMLSeq, b: YAMLSeq, edits: TextEdit[]): boolean {
  if (a.items.some((x, i) => changed(x, b.items[i]))) return false;
  const last = a.items.at(-1);
  const dash = isNode(last) && last.range ? dashOf(source, last.range[0]) : undefined;
  if (dash === undefined || !a.range) return false;
  const col = column(source, dash);
  const doc = new Document([b.items.at(-1)]);
  const end = a.range[2];
  const text = ' '.repeat(col) + indentTail(doc.toString(), col);
  edits.push({ start: end, end, text: source[end - 1] === '\n' ? text : `\n${text}` });
  return true;
}

/** One item taken out: its lines go, the others stay as they are. */
function removeItem(source: string, a: YAMLSeq, b: YAMLSeq, edits: TextEdit[]): boolean {
  const k = a.items.findIndex((x, i) => changed(x, b.items[i]));
  if (k < 0 || a.items.slice(k + 1).some((x, i) => changed(x, b.items[k + i]))) return false;
  const item = a.items[k];
  const dash = isNode(item) && item.range ? dashOf(source, item.range[0]) : undefined;
  if (dash === undefined || !isNode(item) || !item.range) return false;
  edits.push({ start: dash - column(source, dash), end: item.range[2], text: '' });
  return true;
}

/** Position of the "- " that opens the list item starting at `pos`, alone on its line before it. */
function dashOf(source: string, pos: number): number | undefined {
  const start = source.lastIndexOf('\n', pos - 1) + 1;
  const m = /^( *)- +$/.exec(source.slice(start, pos));
  return m ? start + m[1]!.length : undefined;
}

function changed(a: unknown, b: unknown): boolean {
  if (JSON.stringify(toJs(a)) !== JSON.stringify(toJs(b))) return true;
  // A comment added or removed inside an otherwise equal value still counts.
  return isNode(a) && isNode(b) && String(a) !== String(b);
}

function keyOf(p: Pair): string {
  return isScalar(p.key) ? String(p.key.value) : String(p.key);
}

function toJs(v: unknown): unknown {
  return isNode(v) ? (v as Node).toJSON() : v;
}

/** From the key to the end of its value (its trailing newline included); comments above stay put. */
function rangeOf(p: Pair): { start: number; end: number } | undefined {
  if (!isScalar(p.key) || !p.key.range) return undefined;
  const end = isNode(p.value) && p.value.range ? p.value.range[2] : p.key.range[2];
  return { start: p.key.range[0], end };
}

function column(source: string, pos: number): number {
  return pos - (source.lastIndexOf('\n', pos - 1) + 1);
}

/** Start of the line `pos` is on, when only indentation precedes it there. */
function lineStart(source: string, pos: number): number | undefined {
  const start = source.lastIndexOf('\n', pos - 1) + 1;
  return /^[ ]*$/.test(source.slice(start, pos)) ? start : undefined;
}

function indentTail(text: string, col: number): string {
  const pad = ' '.repeat(col);
  return text.replace(/\n(?=.)/g, `\n${pad}`);
}

function renderPair(p: Pair): string {
  const doc = new Document({});
  const map = doc.contents as YAMLMap;
  // The comment above the key is outside the replaced range: it is kept there, not repeated.
  if (isScalar(p.key)) {
    p.key.commentBefore = undefined;
    p.key.spaceBefore = false;
  }
  map.items.push(p);
  return doc.toString();
}
