import type { FieldNode } from '../../../packet-view';
import { mschapV2Fields, mschapV2Summary } from './mschapv2-codec';
import { decodeTlvs, TLV_TYPE } from './tlv';

/**
 * Field trees and one-line summaries of PEAPv0's inner messages for the trace: header-compressed
 * EAP (Type first, [MS-PEAP] §3.1.5.6) and full EAP packets carrying EAP-TLV (type 33).
 */
export interface InnerView {
  summary: string;
  /** Built from the inner bytes when the trace record is opened, not on every round. */
  tree: (bytes: Buffer) => FieldNode[];
}

const RESULT_NAMES: Record<number, string> = { 1: 'Success', 2: 'Failure' };

/** The four tree builders (full or compressed, in or out), made once: not a closure per message. */
const TREES = {
  full: {
    in: (b: Buffer): FieldNode[] => build(b, true, 'in').tree,
    out: (b: Buffer): FieldNode[] => build(b, true, 'out').tree,
  },
  compressed: {
    in: (b: Buffer): FieldNode[] => build(b, false, 'in').tree,
    out: (b: Buffer): FieldNode[] => build(b, false, 'out').tree,
  },
} as const;

export function peapInnerView(bytes: Buffer, full: boolean, direction: 'in' | 'out'): InnerView {
  const tree = TREES[full ? 'full' : 'compressed'][direction];
  // MS-CHAPv2 (most inner messages): only its summary now.
  if (!full && bytes[0] === 26) return { summary: mschapV2Summary(bytes), tree };
  return { summary: build(bytes, full, direction).summary, tree };
}

function build(
  bytes: Buffer,
  full: boolean,
  direction: 'in' | 'out',
): { summary: string; tree: FieldNode[] } {
  const kind = direction === 'out' ? 'Request' : 'Response';
  if (full) {
    if (bytes.length < 5) return { summary: 'inner EAP (short)', tree: [] };
    const tree: FieldNode[] = [
      { label: 'Code', offset: 0, length: 1, value: String(bytes[0]) },
      { label: 'Identifier', offset: 1, length: 1, value: String(bytes[1]) },
      { label: 'Length', offset: 2, length: 2, value: String(bytes.readUInt16BE(2)) },
      { label: 'Type', offset: 4, length: 1, value: `${bytes[4] === 33 ? 'EAP-TLV' : 'type'} (${bytes[4]})` },
    ];
    let result = '';
    try {
      let at = 5;
      for (const t of decodeTlvs(bytes.subarray(5))) {
        const isResult = t.type === TLV_TYPE.Result && t.value.length === 2;
        if (isResult) result = RESULT_NAMES[t.value.readUInt16BE(0)] ?? String(t.value.readUInt16BE(0));
        tree.push({
          label: isResult ? 'Result TLV' : `TLV type ${t.type}`,
          offset: at,
          length: 4 + t.value.length,
          value: isResult ? result : t.value.toString('hex'),
        });
        at += 4 + t.value.length;
      }
    } catch (e) {
      tree.push({
        label: 'TLVs',
        offset: 5,
        length: bytes.length - 5,
        value: (e as Error).message,
        severity: 'error',
      });
    }
    return { summary: `EAP-TLV ${kind}${result ? ` Result ${result}` : ''}`, tree };
  }
  const type = bytes[0];
  if (type === 1) {
    const id = bytes.subarray(1).toString('utf8');
    return {
      summary: `inner EAP-${kind}/Identity${id ? ` ${id}` : ''}`,
      tree: [
        { label: 'Type', offset: 0, length: 1, value: 'Identity (1)' },
        ...(bytes.length > 1 ? [{ label: 'Identity', offset: 1, length: bytes.length - 1, value: id }] : []),
      ],
    };
  }
  if (type === 26) return { summary: mschapV2Summary(bytes), tree: mschapV2Fields(bytes, 0) };
  if (type === 3)
    return {
      summary: `inner NAK (wants ${[...bytes.subarray(1)].join(', ')})`,
      tree: [{ label: 'Type', offset: 0, length: 1, value: 'NAK (3)' }],
    };
  return {
    summary: `inner EAP type ${type ?? 'none'}`,
    tree: [{ label: 'Type', offset: 0, length: bytes.length, value: String(type) }],
  };
}
