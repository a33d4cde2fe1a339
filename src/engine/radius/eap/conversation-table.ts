import { BoundedMap } from '../../bounded';
import { randomBuffer } from '../../crypto/random-pool';
import type { Conversation } from './conversation';

/** `radius.eap.limits`, with the defaults the schema gives. */
export interface EapLimits {
  /** EAP-Responses one conversation may take (a TLS handshake in 1020-byte fragments needs ~15). */
  maxRounds: number;
  /** Longest wait for the next response (the switch's dot1x server/supplicant timeout). */
  roundTimeoutMs: number;
  /** Longest whole conversation. */
  lifetimeMs: number;
  maxConversations: number;
  maxPerDevice: number;
  /** Largest EAP packet reassembled from EAP-Message attributes. */
  maxMessageBytes: number;
}

export const DEFAULT_EAP_LIMITS: EapLimits = {
  maxRounds: 64,
  roundTimeoutMs: 30_000,
  lifetimeMs: 120_000,
  maxConversations: 4096,
  maxPerDevice: 1024,
  maxMessageBytes: 4096,
};

/** How many dropped or finished States keep their diagnosis for a late response. */
const GONE_REMEMBERED = 1024;

/** Why a conversation left the table before finishing (the metric's `reason` label). */
export type DropReason = 'round-timeout' | 'lifetime' | 'evicted-total' | 'evicted-device';

export interface Entry {
  conv: Conversation;
  /** The RADIUS State we issued (RFC 2865 §5.24), random so it cannot be guessed. */
  state: Buffer;
  /** `state`'s first 6 bytes as a number, the table's key: a number hashes without making and
   * hashing a hex string of each request's State (the whole State is compared on lookup). */
  key: number;
  device: string;
  createdAt: number;
  lastAt: number;
  /** A response is being handled: another one for this State is dropped. */
  busy: boolean;
}

export interface Gone {
  reason: DropReason | 'finished';
  text: string;
  /** The State the conversation had (compared on lookup, as for a live one). */
  state: Buffer;
}

/** The table key of a State: its first 6 bytes (48 random bits of ours), -1 if it is too short to
 * be one of ours. */
function keyOf(state: Buffer): number {
  return state.length === STATE_BYTES ? state.readUIntBE(0, 6) : -1;
}

const STATE_BYTES = 16;

/** Byte equality of two States, in JS: Buffer.equals crosses into C++ (and copies a State that
 * lives on V8's heap) for 16 bytes. Not constant-time, as equals was not: a State is an
 * identifier, not a secret, and finding one already takes its first 48 bits. */
function sameState(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The bounded, expiring conversation table, keyed by State. Map order is the order of last use
 * (touch re-inserts), so the oldest-idle conversation is always first: expiry and eviction look
 * only at the head. Recently dropped States are remembered (bounded) so a late response gets a
 * precise diagnosis instead of "unknown State".
 */
export class ConversationTable {
  readonly #live = new Map<number, Entry>();
  readonly #perDevice = new Map<string, number>();
  readonly #gone = new BoundedMap<number, Gone>(GONE_REMEMBERED);
  #timer: NodeJS.Timeout | undefined;
  /** The entry last in #live's order, if known: touching it again needs no re-insertion (one
   * conversation at a time touches the same entry every round, and a Map's delete + set leaves
   * holes that make V8 rehash the table every few rounds). */
  #newest: Entry | undefined;

  constructor(
    private readonly limits: () => EapLimits,
    private readonly onDrop: (e: Entry, reason: DropReason, text: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.#live.size;
  }

  get(state: Buffer): Entry | Gone | undefined {
    this.sweep();
    const key = keyOf(state);
    if (key < 0) return undefined;
    let e = this.#live.get(key);
    if (e && !sameState(e.state, state)) e = undefined;
    const lim = this.limits();
    if (e && !e.busy && this.now() - e.createdAt > lim.lifetimeMs)
      this.#drop(e, 'lifetime', lifetimeText(lim, e));
    if (e && this.#live.get(key) === e) return e;
    const g = this.#gone.get(key);
    return g && sameState(g.state, state) ? g : undefined;
  }

  /** A new conversation for `device`, evicting the oldest idle ones when a limit is reached. */
  create(device: string, conv: Conversation): Entry {
    this.sweep();
    const lim = this.limits();
    if ((this.#perDevice.get(device) ?? 0) >= lim.maxPerDevice) {
      const oldest = [...this.#live.values()].find((e) => e.device === device && !e.busy);
      if (oldest)
        this.#drop(
          oldest,
          'evicted-device',
          `evicted: device ${device} reached ${lim.maxPerDevice} concurrent EAP conversations (radius.eap.limits.maxPerDevice)`,
        );
    }
    if (this.#live.size >= lim.maxConversations) {
      const oldest = [...this.#live.values()].find((e) => !e.busy);
      if (oldest)
        this.#drop(
          oldest,
          'evicted-total',
          `evicted: ${lim.maxConversations} concurrent EAP conversations (radius.eap.limits.maxConversations)`,
        );
    }
    const t = this.now();
    let state = randomBuffer(STATE_BYTES);
    // Two live States sharing their first 48 bits: draw again (about 2^-36 with 4096 live).
    while (this.#live.has(keyOf(state))) state = randomBuffer(STATE_BYTES);
    const e: Entry = {
      conv,
      state,
      key: keyOf(state),
      device,
      createdAt: t,
      lastAt: t,
      busy: false,
    };
    this.#live.set(e.key, e);
    this.#newest = e;
    this.#perDevice.set(device, (this.#perDevice.get(device) ?? 0) + 1);
    this.#timer ??= setInterval(() => this.#tick(), 1000).unref();
    return e;
  }

  /** A response arrived and was answered: the round timeout starts again. */
  touch(e: Entry): void {
    const { key } = e;
    if (this.#live.get(key) !== e) return;
    e.lastAt = this.now();
    if (this.#newest === e) return;
    this.#live.delete(key);
    this.#live.set(key, e);
    this.#newest = e;
  }

  /** The conversation ended with Accept or Reject. */
  finish(e: Entry, text: string): void {
    if (this.#remove(e)) this.#remember(e, { reason: 'finished', text });
  }

  /** Drops expired conversations: idle longer than a round allows, or older than the lifetime. */
  sweep(): void {
    const lim = this.limits();
    const t = this.now();
    for (const e of this.#live.values()) {
      if (e.busy) continue;
      if (t - e.lastAt > lim.roundTimeoutMs) {
        const s = Math.round(lim.roundTimeoutMs / 1000);
        this.#drop(
          e,
          'round-timeout',
          `timed out between rounds: no EAP-Response within ${s} s after round ${e.conv.rounds}${e.conv.methodName ? ` of ${e.conv.methodName}` : ''} (radius.eap.limits.roundTimeoutMs; switch dot1x timeout too short, or the supplicant gave up?)`,
        );
      } else if (t - e.createdAt > lim.lifetimeMs) this.#drop(e, 'lifetime', lifetimeText(lim, e));
      else break; // the rest were used later; a long-lived one among them is caught by `get`
    }
  }

  /** The sweep timer runs while there are conversations, and stops at the first tick after the
   * table empties (not as each one ends: one conversation at a time made a timer per conversation). */
  #tick(): void {
    this.sweep();
    if (this.#live.size === 0 && this.#timer) {
      clearInterval(this.#timer);
      this.#timer = undefined;
    }
  }

  /** Server stop: every method's sockets and timers are released. */
  close(): void {
    for (const e of this.#live.values()) e.conv.close();
    this.#live.clear();
    this.#newest = undefined;
    this.#perDevice.clear();
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #drop(e: Entry, reason: DropReason, text: string): void {
    if (!this.#remove(e)) return;
    this.#remember(e, { reason, text });
    this.onDrop(e, reason, text);
  }

  #remove(e: Entry): boolean {
    const { key } = e;
    if (this.#live.get(key) !== e) return false;
    this.#live.delete(key);
    if (this.#newest === e) this.#newest = undefined;
    e.conv.close();
    const n = (this.#perDevice.get(e.device) ?? 1) - 1;
    if (n > 0) this.#perDevice.set(e.device, n);
    else this.#perDevice.delete(e.device);
    return true;
  }

  #remember(e: Entry, g: Omit<Gone, 'state'>): void {
    this.#gone.set(e.key, { reason: g.reason, text: g.text, state: e.state });
  }
}

function lifetimeText(lim: EapLimits, e: Entry): string {
  return `over its lifetime of ${Math.round(lim.lifetimeMs / 1000)} s after ${e.conv.rounds} rounds (radius.eap.limits.lifetimeMs)`;
}
