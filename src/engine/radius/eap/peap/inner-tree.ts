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

/**
 * The tree builders, one per framing and shared by every inner record: a closure per
 * message would be one more object per record for the trace ring to keep alive.
 */
const TREES = [(b: Buffer) => build(b, false), (b: Buffer) => build(b, true)] as const;

/** Only the summary is made now, for every inner message; the tree when the record is opened. */
export function peapInnerView(bytes: Buffer, full: boolean, direction: 'in' | 'out'): InnerView {
  return { summary: summarize(bytes, full, direction), tree: TREES[full ? 1 : 0] };
}

function summarize(bytes: Buffer, full: boolean, direction: 'in' | 'out'): string {
  const kind = direction === 'out' ? 'Request' : 'Response';
  if (full) {
    if (bytes.length < 5) return 'inner EAP (short)';
    const result = resultName(bytes);
    return `EAP-TLV ${kind}${result ? ` Result ${result}` : ''}`;
  }
  const type = bytes[0];
  if (type === 26) return mschapV2Summary(bytes);
  if (type === 1) {
    const id = bytes.subarray(1).toString('utf8');
    return `inner EAP-${kind}/Identity${id ? ` ${id}` : ''}`;
  }
  if (type === 3) return `inner NAK (wants ${[...bytes.subarray(1)].join(', ')})`;
  return `inner EAP type ${type ?? 'none'}`;
}

/** The Result TLV's status by name, of a full EAP-TLV packet ('' without one or when malformed). */
function resultName(bytes: Buffer): string {
  let result = '';
  try {
    for (const t of decodeTlvs(bytes.subarray(5)))
      if (t.type === TLV_TYPE.Result && t.value.length === 2) result = statusName(t.value);
  } catch {
    // A malformed TLV list: the tree shows why.
  }
  return result;
}

const statusName = (v: Buffer): string => RESULT_NAMES[v.readUInt16BE(0)] ?? String(v.readUInt16BE(0));

function build(bytes: Buffer, full: boolean): FieldNode[] {
  if (full) {
    if (bytes.length < 5) return [];
    const tree: FieldNode[] = [
      { label: 'Code', offset: 0, length: 1, value: String(bytes[0]) },
      { label: 'Identifier', offset: 1, length: 1, value: String(bytes[1]) },
      { label: 'Length', offset: 2, length: 2, value: String(bytes.readUInt16BE(2)) },
      { label: 'Type', offset: 4, length: 1, value: `${bytes[4] === 33 ? 'EAP-TLV' : 'type'} (${bytes[4]})` },
    ];
    try {
      let at = 5;
      for (const t of decodeTlvs(bytes.subarray(5))) {
        const isResult = t.type === TLV_TYPE.Result && t.value.length === 2;
        tree.push({
          label: isResult ? 'Result TLV' : `TLV type ${t.type}`,
          offset: at,
          length: 4 + t.value.length,
          value: isResult ? statusName(t.value) : t.value.toString('hex'),
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
    return tree;
  }
  const type = bytes[0];
  if (type === 1) {
    const id = bytes.subarray(1).toString('utf8');
    return [
      { label: 'Type', offset: 0, length: 1, value: 'Identity (1)' },
      ...(bytes.length > 1 ? [{ label: 'Identity', offset: 1, length: bytes.length - 1, value: id }] : []),
    ];
  }
  if (type === 26) return mschapV2Fields(bytes, 0);
  if (type === 3) return [{ label: 'Type', offset: 0, length: 1, value: 'NAK (3)' }];
  return [{ label: 'Type', offset: 0, length: bytes.length, value: String(type) }];
}
