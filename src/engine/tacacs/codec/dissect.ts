import type { Secret } from '../../secret';
import type { FieldNode } from '../../packet-view';
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

const NO_OPTIONS: Readonly<DecodeOptions> = Object.freeze({});

/**
 * Shared, frozen decode options: the server decodes every packet with one of a handful of
 * combinations, and the trace's dissector for a record captures them; one object per combination
 * (and so one dissector per secret and combination, see `lazyTree`) keeps the ring from holding an
 * options object and a closure per record, which every scavenge copied and promoted.
 */
export function decodeOptions(
  maxBodyLength: number,
  continueIsUser: boolean | undefined,
  reveal: boolean,
): Readonly<DecodeOptions> {
  let row = OPTIONS.get(maxBodyLength);
  if (!row) OPTIONS.set(maxBodyLength, (row = []));
  const i = (continueIsUser === undefined ? 0 : continueIsUser ? 2 : 1) * 2 + (reveal ? 1 : 0);
  return (row[i] ??= Object.freeze({ maxBodyLength, continueIsUser, reveal }));
}
const OPTIONS = new Map<number, Readonly<DecodeOptions>[]>();

/**
 * The trace's lazy field tree of a packet: built from the record's bytes with the device's Secret
 * object, revealed only when the tree is built; never a decoded password. One thunk per secret and
 * options object, shared by every record that uses them (options from `decodeOptions` are shared
 * too, so the hot path allocates nothing here).
 */
export function lazyTree(
  secret: Secret | undefined,
  opts: Readonly<DecodeOptions> = NO_OPTIONS,
): (bytes: Uint8Array) => FieldNode[] {
  const owner = secret ?? PLAIN;
  let byOpts = SHARED.get(owner);
  if (!byOpts) SHARED.set(owner, (byOpts = new WeakMap()));
  let tree = byOpts.get(opts);
  if (!tree) byOpts.set(opts, (tree = (bytes) => dissect(bytes, secret?.reveal(), opts).nodes));
  return tree;
}

const PLAIN = {};
const SHARED = new WeakMap<object, WeakMap<DecodeOptions, (bytes: Uint8Array) => FieldNode[]>>();

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
