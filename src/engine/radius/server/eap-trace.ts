import { Buffer } from 'node:buffer';
import type { FieldNode } from '../../packet-view';
import type { AttributeIndex } from '../codec/attribute-index';
import { eapCodeName, eapTypeName, type EapPacket } from '../eap/codec';
import { dissectEap } from '../eap/dissect';
import { innerTree, type InnerMessage } from '../eap/method';
import type { ChildRecord } from './request-context';

const EAP_MESSAGE = 79;

/** eapSummary's texts by code × 256 + type (+ 65536 without a type), each made once. */
const SUMMARIES = new Map<number, string>();
/** The same with a space before: a request summary's suffix (summary-text.ts idUserText). */
const SUFFIXES = new Map<number, string>();
const keyOf = (p: EapPacket): number => (p.type === undefined ? 65536 : 0) + p.code * 256 + (p.type ?? 0);

/** "EAP-Response/Identity", "EAP-Start" (an empty EAP-Message, RFC 3579 §2.1), one shared string each. */
export function eapSummary(p: EapPacket | undefined): string {
  if (!p) return 'EAP-Start';
  const key = keyOf(p);
  let text = SUMMARIES.get(key);
  if (text === undefined) {
    const code = eapCodeName(p.code);
    text = p.type === undefined ? `EAP-${code}` : `EAP-${code}/${eapTypeName(p.type)}`;
    SUMMARIES.set(key, text);
  }
  return text;
}

/** " " + eapSummary(p), one shared string each. */
export function eapSuffix(p: EapPacket | undefined): string {
  if (!p) return ' EAP-Start';
  const key = keyOf(p);
  let text = SUFFIXES.get(key);
  if (text === undefined) SUFFIXES.set(key, (text = ` ${eapSummary(p)}`));
  return text;
}

type Dissection = (bytes: Uint8Array) => FieldNode[];

/** Dissectors by the method's tree builder, masked and revealed: shared by every record. */
const dissectors = [new WeakMap<object, Dissection>(), new WeakMap<object, Dissection>()] as const;

function dissector(tree: InnerMessage['tree'], showSecrets: boolean): Dissection {
  const memo = dissectors[showSecrets ? 1 : 0];
  let d = memo.get(tree);
  if (!d)
    memo.set(
      tree,
      (d = (b) => {
        const t = innerTree({ tree }, Buffer.from(b.buffer, b.byteOffset, b.byteLength));
        return showSecrets ? t : t.map(mask);
      }),
    );
  return d;
}

/**
 * Inner messages as child records, secret fields masked unless `trace.showSecrets`. The tree is
 * built and masked when the record is first read (trace.get), from the bytes the store kept, by a
 * dissector shared by every record whose method builds its tree with the same function (the
 * methods' builders are module-level): nothing per record for the ring to keep alive.
 */
export function innerRecords(inner: readonly InnerMessage[], showSecrets: boolean): ChildRecord[] {
  return inner.map((m) => ({
    direction: m.direction,
    summary: m.summary,
    bytes: m.bytes,
    dissection: dissector(m.tree, showSecrets),
  }));
}

function mask(n: FieldNode): FieldNode {
  const out: FieldNode = n.secret ? { ...n, value: `hidden (${n.length} bytes)` } : { ...n };
  if (n.children) out.children = n.children.map(mask);
  return out;
}

/**
 * Adds the EAP packet carried by a RADIUS packet's EAP-Message attributes to its field tree,
 * decoded after reassembly, with offsets mapped back onto the wire bytes (a field split across two
 * attributes is marked at its first part). Several attributes mark the packet as reassembled.
 */
export function withEap(tree: FieldNode[], packet: AttributeIndex, reveal: boolean): FieldNode[] {
  const segments = eapSegments(packet);
  if (!segments.length) return tree;
  const buf = packet.bytes;
  const eap = Buffer.concat(segments.map(([at, len]) => buf.subarray(at, at + len)));
  const where = (off: number): number => {
    let base = 0;
    for (const [at, len] of segments) {
      if (off < base + len) return at + off - base;
      base += len;
    }
    const last = segments.at(-1)!;
    return last[0] + last[1];
  };
  const mapNode = (n: FieldNode): FieldNode => {
    const start = where(n.offset);
    const end = where(Math.max(n.offset, n.offset + n.length - 1)) + 1;
    const out: FieldNode = { ...n, offset: start, length: n.length ? Math.max(1, end - start) : 0 };
    if (end - start !== n.length && n.length)
      out.value = `${n.value ?? ''} (split across EAP-Message attributes)`;
    if (n.children) out.children = n.children.map(mapNode);
    return out;
  };
  const label =
    segments.length > 1
      ? `EAP packet (reassembled from ${segments.length} EAP-Message attributes)`
      : 'EAP packet';
  const children = eap.length ? dissectEap(eap, reveal).map(mapNode) : [];
  const first = segments[0]!;
  const summary = eap.length >= 4 ? summaryOf(eap) : 'EAP-Start (empty EAP-Message, RFC 3579 §2.1)';
  return [
    ...tree,
    {
      label,
      value: summary,
      offset: first[0],
      length: Math.max(0, segments.at(-1)![0] + segments.at(-1)![1] - first[0]),
      children,
    },
  ];
}

function summaryOf(eap: Buffer): string {
  const code = eap[0]!;
  const type = eap.length > 4 && (code === 1 || code === 2) ? eap[4] : undefined;
  return `${eapCodeName(code)}${type === undefined ? '' : `/${eapTypeName(type)}`}, id ${eap[1]}, ${eap.length} bytes`;
}

/**
 * [value offset, value length] of each EAP-Message attribute, in order: those of the well-formed
 * attributes, so a malformed packet shows the EAP data before its fault.
 */
function eapSegments(packet: AttributeIndex): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = packet.find(EAP_MESSAGE); i >= 0; i = packet.find(EAP_MESSAGE, i + 1))
    out.push([packet.offset(i) + 2, packet.length(i) - 2]);
  return out;
}
