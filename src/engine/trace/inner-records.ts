import { Buffer } from 'node:buffer';
import type { TraceRow } from '../../contract/trace';
import { scanAttributes } from '../radius/codec/attribute-index';
import type { TraceRecord, TraceStore } from './trace-store';

type Store = Pick<TraceStore, 'get' | 'peek'>;

/** One round of a tunnelled conversation: the outer request and the inner messages decrypted from it. */
export interface InnerRound {
  outer: TraceRow;
  records: TraceRecord[];
}

/** How far either side of a packet its conversation's other rounds are looked for. */
const WINDOW = 4096;
/** Inner records follow their outer record at once (appended in the same turn); a round has few. */
const MAX_CHILDREN = 256;
const STATE = 24;

/**
 * The decrypted inner conversation (PEAP's EAP-MSCHAPv2, TTLS's AVPs) that packet `id` belongs to:
 * every round of the same EAP conversation (RFC 3579 §2.1: the server's State, echoed by each
 * request), each with the inner records traced as its children. A packet without State gives its
 * own round only. Bounded: WINDOW records either side, MAX_CHILDREN per round.
 */
export function innerConversation(store: Store, id: number): InnerRound[] {
  const request = requestOf(store, id);
  if (!request) return [];
  const state = stateOf(store.peek(request.id)?.bytes) ?? stateOf(replyBytes(store, request.id));
  if (!state) return roundOf(store, request);
  const rounds: InnerRound[] = [];
  for (let i = Math.max(1, request.id - WINDOW); i <= request.id + WINDOW; i++) {
    const p = store.peek(i);
    if (!p) {
      if (i > request.id) break;
      continue;
    }
    const r = p.row;
    if (r.parent !== undefined || r.direction !== 'in' || r.role !== request.role) continue;
    if (r.remote.address !== request.remote.address || r.protocol !== request.protocol) continue;
    const s = stateOf(p.bytes);
    if (s && s.equals(state)) rounds.push(...roundOf(store, r));
  }
  return rounds;
}

/** The outer request of `id`: itself, the request it answers, or the packet it was decrypted from. */
function requestOf(store: Store, id: number): TraceRow | undefined {
  let row = store.peek(id)?.row;
  if (row?.parent !== undefined) row = store.peek(row.parent)?.row;
  if (row?.replyTo !== undefined) row = store.peek(row.replyTo)?.row;
  return row;
}

function roundOf(store: Store, outer: TraceRow): InnerRound[] {
  const records: TraceRecord[] = [];
  for (let i = outer.id + 1; i <= outer.id + MAX_CHILDREN; i++) {
    const p = store.peek(i);
    if (!p || p.row.parent !== outer.id) break;
    records.push(store.get(i)!);
  }
  return records.length ? [{ outer, records }] : [];
}

function replyBytes(store: Store, requestId: number): Uint8Array | undefined {
  for (let i = requestId + 1; i <= requestId + MAX_CHILDREN; i++) {
    const p = store.peek(i);
    if (p?.row.replyTo === requestId) return p.bytes;
  }
  return undefined;
}

/** The State attribute (RFC 2865 §5.24) of a RADIUS packet's bytes, if any (before any fault). */
export function stateOf(bytes: Uint8Array | undefined): Buffer | undefined {
  if (!bytes) return undefined;
  const index = scanAttributes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const i = index.find(STATE);
  return i < 0 ? undefined : index.value(i);
}
