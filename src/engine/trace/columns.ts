import { Buffer } from 'node:buffer';
import type { TraceRow } from '../../contract/trace';
import { ByteSlab } from '../byte-slab';
import { intern, internDecision } from './intern';
import type { Dissector, Endpoint, TraceDecision, TraceInput, TraceProtocol } from './types';
import { sessionIdText, type FieldNode, type TraceResult } from '../packet-view';
import {
  INDEX_NUMS,
  INDEX_PROTOCOLS,
  INDEX_REFS,
  INDEX_RESULTS,
  indexCode,
  NUMERIC_SESSION_REF,
  type IndexBatch,
} from './index-batch';

const PROTOCOLS: readonly TraceProtocol[] = ['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'];
const TRANSPORTS: readonly TraceRow['transport'][] = ['udp', 'tcp', 'tls'];
const RESULTS: readonly (TraceResult | undefined)[] = [undefined, 'pass', 'fail', 'error', 'drop', 'info'];
// The index stores these codes as numbers (index-batch.ts): the orders must agree.
if (
  PROTOCOLS.some((p, i) => INDEX_PROTOCOLS[i] !== p) ||
  RESULTS.some((r, i) => (INDEX_RESULTS[i] ?? undefined) !== r)
)
  throw new Error('trace: protocol/result codes differ from the index codes');
/**
 * `v`'s index in a short code list (0 if absent). A scan of at most six constants compared by
 * identity; a Map lookup per column per record showed up in the server's profile.
 */
function codeOf<T>(list: readonly T[], v: T): number {
  const i = list.indexOf(v);
  return i < 0 ? 0 : i;
}
export const PROTOCOL_COUNT = PROTOCOLS.length;

/** The bit layout of a record's 16-bit code (`#code`), defined once. */
const PROTOCOL_MASK = 0b111; // bits 0-2: index in PROTOCOLS
const TRANSPORT_SHIFT = 3; // bits 3-4: index in TRANSPORTS
const TRANSPORT_MASK = 0b11;
const RESULT_SHIFT = 5; // bits 5-7: index in RESULTS (0 = none)
const RESULT_MASK = 0b111;
const OUT = 1 << 8;
const CLIENT = 1 << 9;
const DUPLICATE = 1 << 10;
const RETRANSMIT = 1 << 11;
/** The session id is a number (TACACS+), kept in #sessionNum rather than #session. */
const NUMERIC_SESSION = 1 << 12;
export const protocolOf = (code: number): TraceProtocol => PROTOCOLS[code]!;

/**
 * Longest strings a record keeps (characters; longer ones end in "…"). Hostile packets carry
 * 253-octet User-Names of arbitrary bytes (two-byte strings once decoded) that end up in the user,
 * summary and diagnosis: uncapped, they were most of a full ring's heap. With these caps a record's
 * strings stay under ~1.5 KB whatever the packet, so the default 100,000-record ring stays within the
 * figure the README promises (bench/trace-memory.ts measures it under hostile traffic).
 */
export const MAX_TEXT = { user: 96, session: 96, summary: 160, diagnosis: 320 } as const;
/** Bytes that packets too big for the slab may hold together (oldest released first). */
export const LARGE_BUDGET = 64 << 20;

/** `s` cut to `max` characters (the common short string is returned as is). */
export function capText(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}
function capOpt(s: string | undefined, max: number): string | undefined {
  return s === undefined || s.length <= max ? s : capText(s, max);
}

/** Average bytes per record the byte slab is sized for; bigger packets just evict sooner. */
const SLAB_BYTES_PER_RECORD = 256;
const MIN_SLAB = 1 << 20;
const MAX_SLAB = 1 << 30;

export type Lazy = Dissector | FieldNode[] | undefined;

/**
 * The trace ring as columns: numbers in typed arrays, packet bytes copied into one byte slab, and
 * only strings and shared objects in plain arrays. A record is then a few array stores rather than
 * a graph of objects that each outlives the young generation: at 80,000 records/s, copying
 * per-record objects out of the nursery was the largest cost of tracing (6 µs per RADIUS request).
 *
 * A record lives until its slot is reused (ring size) or its bytes are overwritten in the slab,
 * whichever comes first, so memory stays bounded even when packets are much larger than average.
 */
export class TraceColumns {
  readonly size: number;
  readonly #id: Float64Array;
  readonly #time: Float64Array;
  readonly #replyTo: Float64Array;
  /** Id of the outer packet a record belongs to (EAP's decrypted inner messages), else 0. */
  readonly #parent: Float64Array;
  readonly #latency: Float64Array;
  readonly #bytePos: Float64Array;
  readonly #length: Int32Array;
  readonly #remotePort: Int32Array;
  /** Numeric session ids (TACACS+), when the NUMERIC_SESSION bit is set. */
  readonly #sessionNum: Float64Array;
  /** Protocol, transport, result and flags, laid out as PROTOCOL_MASK … NUMERIC_SESSION say. */
  readonly #code: Uint16Array;
  readonly #local: (Endpoint | undefined)[];
  readonly #remoteAddress: (string | undefined)[];
  readonly #device: (string | undefined)[];
  readonly #user: (string | undefined)[];
  readonly #session: (string | undefined)[];
  readonly #summary: (string | undefined)[];
  readonly #diagnosis: (string | undefined)[];
  readonly #decision: (TraceDecision | undefined)[];
  readonly #dissection: Lazy[];
  /** Packets too big for the slab's share (a 16 MiB TACACS+ body is allowed): kept by reference. */
  readonly #large: (Uint8Array | undefined)[];
  readonly #slab: ByteSlab;
  #lastAddress = '';
  /** The last user as handed over, and its interned copy (see put). */
  #lastUserIn = '';
  #lastUser = '';
  #lastLocal?: Endpoint;
  /** Slots holding a large packet, oldest first, and the bytes they hold together. */
  readonly #largeSlots: { slot: number; id: number }[] = [];
  #largeBytes = 0;

  constructor(size: number) {
    this.size = size;
    this.#id = new Float64Array(size);
    this.#time = new Float64Array(size);
    this.#replyTo = new Float64Array(size);
    this.#parent = new Float64Array(size);
    this.#latency = new Float64Array(size);
    this.#bytePos = new Float64Array(size);
    this.#length = new Int32Array(size);
    this.#remotePort = new Int32Array(size);
    this.#code = new Uint16Array(size);
    this.#sessionNum = new Float64Array(size);
    const refs = <T>() => new Array<T | undefined>(size).fill(undefined);
    this.#local = refs();
    this.#remoteAddress = refs();
    this.#device = refs();
    this.#user = refs();
    this.#session = refs();
    this.#summary = refs();
    this.#diagnosis = refs();
    this.#decision = refs();
    this.#dissection = refs();
    this.#large = refs();
    this.#slab = new ByteSlab(Math.min(MAX_SLAB, Math.max(MIN_SLAB, size * SLAB_BYTES_PER_RECORD)));
  }

  /** Stores `input` as record `id`; `request` is the live slot of the record it answers, or -1. */
  put(id: number, timeUs: number, input: TraceInput, request: number): void {
    const slot = id % this.size;
    const bytes = input.bytes;
    this.#id[slot] = id;
    this.#time[slot] = timeUs;
    this.#replyTo[slot] = input.replyTo ?? 0;
    this.#parent[slot] = input.parent ?? 0;
    this.#latency[slot] = request >= 0 ? timeUs - this.#time[request]! : -1;
    this.#length[slot] = bytes.length;
    this.#releaseLarge(slot);
    if (!this.#slab.fits(bytes.length)) {
      this.#large[slot] = bytes;
      this.#bytePos[slot] = this.#slab.position;
      this.#holdLarge(slot, id, bytes.length);
    } else {
      this.#large[slot] = undefined;
      this.#bytePos[slot] = this.#slab.write(bytes);
    }
    this.#code[slot] =
      codeOf(PROTOCOLS, input.protocol) |
      (codeOf(TRANSPORTS, input.transport) << TRANSPORT_SHIFT) |
      (codeOf(RESULTS, input.result) << RESULT_SHIFT) |
      (input.direction === 'out' ? OUT : 0) |
      (input.role === 'client' ? CLIENT : 0) |
      (input.duplicate ? DUPLICATE : 0) |
      (input.retransmit ? RETRANSMIT : 0) |
      (typeof input.sessionId === 'number' ? NUMERIC_SESSION : 0);
    // The socket's address object is a fresh one per datagram: keep one while it does not change.
    const local = input.local;
    const last = this.#lastLocal;
    if (!last || last.port !== local.port || last.address !== local.address) this.#lastLocal = local;
    this.#local[slot] = this.#lastLocal;
    // Interned: the address string a socket hands over is a fresh copy per datagram (and the
    // last one is compared first: consecutive packets mostly come from one client).
    const address = input.remote.address;
    if (address !== this.#lastAddress) this.#lastAddress = intern(address);
    this.#remoteAddress[slot] = this.#lastAddress;
    this.#remotePort[slot] = input.remote.port;
    this.#device[slot] = input.device;
    // Consecutive records mostly name one user (a request, its reply, an EAP round's inner
    // records): compared with the last one first, which is cheaper than the intern table's probe.
    const user = input.user;
    if (user === undefined) this.#user[slot] = request >= 0 ? this.#user[request] : undefined;
    else {
      if (user !== this.#lastUserIn) {
        this.#lastUserIn = user;
        this.#lastUser = intern(capText(user, MAX_TEXT.user));
      }
      this.#user[slot] = this.#lastUser;
    }
    if (typeof input.sessionId === 'number') {
      this.#sessionNum[slot] = input.sessionId;
      this.#session[slot] = undefined;
    } else this.#session[slot] = capOpt(input.sessionId, MAX_TEXT.session);
    // Summaries and decisions repeat (one login, one device): the ring keeps one shared copy of
    // each. Diagnoses are not interned: under hostile traffic each is new and would only churn the
    // table; the device and session texts are already shared (config names, "id=N" constants).
    this.#summary[slot] = intern(capText(input.summary, MAX_TEXT.summary));
    this.#diagnosis[slot] = capOpt(input.diagnosis, MAX_TEXT.diagnosis);
    this.#decision[slot] = input.decision && internDecision(input.decision);
    this.#dissection[slot] = input.dissection;
  }

  /** The slot of record `id` while the ring still holds it (slot not reused, bytes not overwritten). */
  slotOf(id: number): number {
    const slot = id % this.size;
    return this.#id[slot] === id && this.#slab.live(this.#bytePos[slot]!) ? slot : -1;
  }

  clear(): void {
    this.#id.fill(0);
    this.#largeSlots.length = 0;
    this.#largeBytes = 0;
    for (const a of [this.#local, this.#remoteAddress, this.#device, this.#user, this.#session])
      a.fill(undefined);
    for (const a of [this.#summary, this.#diagnosis, this.#decision, this.#dissection, this.#large])
      a.fill(undefined);
  }

  protocol(slot: number): TraceProtocol {
    return PROTOCOLS[this.#code[slot]! & PROTOCOL_MASK]!;
  }
  protocolCode(slot: number): number {
    return this.#code[slot]! & PROTOCOL_MASK;
  }
  direction(slot: number): 'in' | 'out' {
    return this.#code[slot]! & OUT ? 'out' : 'in';
  }
  result(slot: number): TraceResult | undefined {
    return RESULTS[(this.#code[slot]! >> RESULT_SHIFT) & RESULT_MASK];
  }
  /** Id of the request record this one answers, or 0. */
  replyTo(slot: number): number {
    return this.#replyTo[slot]!;
  }
  id(slot: number): number {
    return this.#id[slot]!;
  }
  role(slot: number): 'server' | 'client' {
    return this.#code[slot]! & (1 << 9) ? 'client' : 'server';
  }
  time(slot: number): number {
    return this.#time[slot]!;
  }
  device(slot: number): string | undefined {
    return this.#device[slot];
  }
  user(slot: number): string | undefined {
    return this.#user[slot];
  }
  session(slot: number): string | undefined {
    return this.#code[slot]! & NUMERIC_SESSION ? sessionIdText(this.#sessionNum[slot]!) : this.#session[slot];
  }
  summary(slot: number): string {
    return this.#summary[slot] ?? '';
  }
  diagnosis(slot: number): string | undefined {
    return this.#diagnosis[slot];
  }
  remoteAddress(slot: number): string {
    return this.#remoteAddress[slot] ?? '';
  }
  decision(slot: number): TraceDecision | undefined {
    return this.#decision[slot];
  }

  /** A copy of the record's wire bytes (the slab is reused, so callers never get a view into it). */
  bytes(slot: number): Buffer {
    const large = this.#large[slot];
    if (large) return Buffer.from(large);
    return this.#slab.read(this.#bytePos[slot]!, this.#length[slot]!);
  }

  dissection(slot: number): Lazy {
    return this.#dissection[slot];
  }
  setDissection(slot: number, tree: FieldNode[]): void {
    this.#dissection[slot] = tree;
  }

  /** The list fields of the record in `slot` (what the UI's rows and the index carry). */
  row(slot: number): TraceRow {
    const code = this.#code[slot]!;
    const replyTo = this.#replyTo[slot]!;
    const latency = this.#latency[slot]!;
    const row: TraceRow = {
      id: this.#id[slot]!,
      timeUs: this.#time[slot]!,
      protocol: PROTOCOLS[code & PROTOCOL_MASK]!,
      direction: code & OUT ? 'out' : 'in',
      transport: TRANSPORTS[(code >> TRANSPORT_SHIFT) & TRANSPORT_MASK]!,
      role: code & CLIENT ? 'client' : 'server',
      local: this.#local[slot] ?? { address: '', port: 0 },
      remote: { address: this.#remoteAddress[slot] ?? '', port: this.#remotePort[slot]! },
      summary: this.#summary[slot] ?? '',
      length: this.#length[slot]!,
    };
    // Optional fields only when present, as the records always had them (JSON and equality stay the same).
    const device = this.#device[slot];
    if (device !== undefined) row.device = device;
    const user = this.#user[slot];
    if (user !== undefined) row.user = user;
    const session = this.session(slot);
    if (session !== undefined) row.sessionId = session;
    const result = RESULTS[(code >> RESULT_SHIFT) & RESULT_MASK];
    if (result !== undefined) row.result = result;
    if (replyTo > 0) row.replyTo = replyTo;
    const parent = this.#parent[slot]!;
    if (parent > 0) row.parent = parent;
    if (latency >= 0) row.latencyUs = latency;
    if (code & DUPLICATE) row.duplicate = true;
    if (code & RETRANSMIT) row.retransmit = true;
    const diagnosis = this.#diagnosis[slot];
    if (diagnosis !== undefined) row.diagnosis = diagnosis;
    return row;
  }

  /**
   * The records in `slots` as the trace index takes them (see IndexBatch): numbers in typed arrays
   * that are transferred to the index's thread, strings once per run of equal values in a column.
   * Posting 11 values per row
   * cost about a microsecond per record in serialization on this thread.
   */
  indexBatch(slots: readonly number[]): IndexBatch {
    const n = slots.length;
    const nums = new Float64Array(n * INDEX_NUMS);
    const refs = new Int32Array(n * INDEX_REFS);
    const strs: string[] = [];
    // A string is sent again unless its column repeats the previous row's (most do: protocol,
    // device, user, direction alternate little); cheaper than hashing every string into a Map.
    const lastStr: (string | undefined)[] = new Array<string | undefined>(INDEX_REFS).fill(undefined);
    const lastRef = new Int32Array(INDEX_REFS);
    const ref = (col: number, s: string | undefined): number => {
      if (s === undefined) return -1;
      if (s === lastStr[col]) return lastRef[col]!;
      lastStr[col] = s;
      strs.push(s);
      return (lastRef[col] = strs.length - 1);
    };
    for (let i = 0; i < n; i++) {
      const slot = slots[i]!;
      const code = this.#code[slot]!;
      const o = i * INDEX_NUMS;
      nums[o] = this.#id[slot]!;
      nums[o + 1] = this.#time[slot]!;
      nums[o + 2] = this.#length[slot]!;
      nums[o + 3] = this.#remotePort[slot]!;
      // PROTOCOLS and RESULTS are in INDEX_PROTOCOLS / INDEX_RESULTS order (asserted below).
      nums[o + 5] = indexCode(code & PROTOCOL_MASK, (code & OUT) !== 0, (code >> RESULT_SHIFT) & RESULT_MASK);
      const r = i * INDEX_REFS;
      refs[r] = ref(0, this.#device[slot]);
      refs[r + 1] = ref(1, this.#user[slot]);
      if (code & NUMERIC_SESSION) {
        nums[o + 4] = this.#sessionNum[slot]!;
        refs[r + 2] = NUMERIC_SESSION_REF;
      } else refs[r + 2] = ref(2, this.#session[slot]);
      refs[r + 3] = ref(3, this.#remoteAddress[slot] ?? '');
      refs[r + 4] = ref(4, this.#summary[slot] ?? '');
    }
    return { rows: n, nums, refs, strs };
  }

  /** Keeps a large packet by reference within LARGE_BUDGET, releasing the oldest ones first. */
  #holdLarge(slot: number, id: number, length: number): void {
    const q = this.#largeSlots;
    // Entries whose slot was reused since are stale (their bytes were released then).
    while (q.length && this.#id[q[0]!.slot] !== q[0]!.id) q.shift();
    q.push({ slot, id });
    this.#largeBytes += length;
    while (this.#largeBytes > LARGE_BUDGET && this.#largeSlots.length > 1) {
      const old = this.#largeSlots.shift()!;
      if (this.#id[old.slot] === old.id) this.#releaseLarge(old.slot, true);
    }
  }

  /** Drops slot's large packet; `evicted`: the record itself leaves the ring (its bytes are gone). */
  #releaseLarge(slot: number, evicted = false): void {
    const large = this.#large[slot];
    if (!large) return;
    this.#largeBytes -= large.length;
    this.#large[slot] = undefined;
    if (evicted) this.#id[slot] = 0;
  }
}
