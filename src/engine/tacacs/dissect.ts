import type { Secret } from '../secret';
import type { FieldNode } from '../trace/types';
import type { DecodeOptions, Packet } from './packet';
import { decodePacket } from './packet';
import { DecodeError } from './reader';

export interface Dissection {
  nodes: FieldNode[];
  packet?: Packet;
  error?: DecodeError;
}

/**
 * The field tree of one packet for the trace view: the decoder run with a span recorder, so the
 * tree and the parsed message come from the same pass. A decode failure keeps the fields read so
 * far and adds an error node at the failing offset.
 */
export function dissect(bytes: Uint8Array, key: string | undefined, opts: DecodeOptions = {}): Dissection {
  const nodes: FieldNode[] = [];
  try {
    return { nodes, packet: decodePacket(bytes, key, opts, nodes) };
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    nodes.push(errorNode(e, bytes.length));
    return { nodes, error: e };
  }
}

const NO_OPTIONS: DecodeOptions = Object.freeze({});

/**
 * The trace's lazy field tree of a packet: a thunk over the wire bytes (never reused) and the
 * device's Secret object, revealed only when the tree is built; never a decoded password.
 * Parameters only, so each ring record keeps one small closure context.
 */
export function lazyTree(
  bytes: Uint8Array,
  secret: Secret | undefined,
  opts: DecodeOptions = NO_OPTIONS,
): () => FieldNode[] {
  return () => dissect(bytes, secret?.reveal(), opts).nodes;
}

export function errorNode(e: DecodeError, total: number): FieldNode {
  const offset = Math.min(e.offset, total);
  return {
    label: `Decode error (${e.code})`,
    value: e.message,
    offset,
    length: Math.max(0, Math.min(1, total - offset)),
    severity: 'error',
  };
}
