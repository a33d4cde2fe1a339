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
 * The trace's lazy field tree of a packet: built from the record's bytes with the device's Secret
 * object, revealed only when the tree is built; never a decoded password. Without options the
 * thunk depends on the secret alone and is shared by every record that uses it (no allocation).
 */
export function lazyTree(
  secret: Secret | undefined,
  opts: DecodeOptions = NO_OPTIONS,
): (bytes: Uint8Array) => FieldNode[] {
  if (opts !== NO_OPTIONS) return (bytes) => dissect(bytes, secret?.reveal(), opts).nodes;
  if (!secret) return plainTree;
  let tree = SHARED.get(secret);
  if (!tree) SHARED.set(secret, (tree = (bytes) => dissect(bytes, secret.reveal(), NO_OPTIONS).nodes));
  return tree;
}

const SHARED = new WeakMap<Secret, (bytes: Uint8Array) => FieldNode[]>();
const plainTree = (bytes: Uint8Array): FieldNode[] => dissect(bytes, undefined, NO_OPTIONS).nodes;

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
