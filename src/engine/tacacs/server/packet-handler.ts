import type { TacacsConfig } from '../../config/schema';
import type { EngineContext } from '../../context';
import { deny, type Decision } from '../../policy/decision';
import type { DeviceMatch } from '../../policy/devices';
import type { FieldNode } from '../../packet-view';
import type { Endpoint } from '../../trace/types';
import { account } from './accounting';
import { AuthenSession, typeLabel, type AuthenStep, type SessionEnv } from './authentication';
import { authorize } from './authorization';
import { Flags, PacketType, typeName } from '../codec/constants';
import { decodeOptions, dissect, lazyTree } from '../codec/dissect';
import { errorBody } from './error-reply';
import {
  decodeHeader,
  decodeAfterHeader,
  encodePacket,
  type Body,
  type DecodeOptions,
  type Header,
  type Packet,
} from '../codec/packet';
import { plausible } from '../codec/plausible';
import { DecodeError } from '../codec/reader';
import { diagnoseSecret } from '../codec/secret-diagnosis';
import { knownTacacsSecrets } from '../../config/known-secrets';
import { kindOf, resultOf, statusLabel, summarize } from '../codec/summary';
import { flagProblem, seqProblem } from './packet-checks';
import { traceNote, traceRecord, type TacacsTrace } from './trace-record';

export interface HandlerEnv {
  ctx: EngineContext;
  device: DeviceMatch;
  transport: 'tcp' | 'tls';
  local: Endpoint;
  remote: Endpoint;
  config: TacacsConfig;
}

export interface HandleResult {
  out?: Buffer;
  /** Close the connection after writing `out`. */
  close?: boolean;
}

interface SessionState {
  type: number;
  nextSeq: number;
  authen?: AuthenSession;
  user?: string;
  /** Armed only while the session waits for the client (most sessions end in one round trip). */
  timer?: NodeJS.Timeout;
}

interface Outcome {
  body: Body;
  decision?: Decision;
  done: boolean;
  user?: string;
}

/**
 * Everything between a whole packet and its reply for one connection, without sockets: flag and
 * key checks, seq_no rules (§4.1), single-connect (§4.3), session dispatch, trace and metrics. The
 * connection owns I/O; tests drive this directly with byte arrays.
 */
export class PacketHandler {
  readonly sessions = new Map<number, SessionState>();
  /** Decided by the first packet's SINGLE_CONNECT flag (§4.3); the server always agrees. */
  singleConnect: boolean | undefined;

  constructor(readonly env: HandlerEnv) {}

  get #key(): string | undefined {
    return this.env.transport === 'tls' ? undefined : this.env.device.device.tacacsSecret?.reveal();
  }

  handle(bytes: Buffer): HandleResult | Promise<HandleResult> {
    const t0 = performance.now();
    let h: Header;
    try {
      h = decodeHeader(bytes, undefined, this.env.config.maxBodyLength);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      traceNote(this.env, {
        direction: 'in',
        bytes,
        summary: 'undecodable header',
        result: 'error',
        diagnosis: e.message,
        dissection: (b) => dissect(b, undefined).nodes,
      });
      return { close: true };
    }
    this.singleConnect ??= (h.flags & Flags.SINGLE_CONNECT) !== 0;
    // The trace keeps the number and formats it when read (no string per session here).
    const sid = h.sessionId;
    if (h.seqNo % 2 === 0) {
      traceNote(this.env, {
        direction: 'in',
        bytes,
        sessionId: sid,
        summary: `${typeName(h.type)} seq_no ${h.seqNo}`,
        result: 'error',
        diagnosis: `seq_no ${h.seqNo} is even: a client sends odd sequence numbers (RFC 8907 §4.1); connection closed`,
      });
      return { close: true };
    }
    const refusal = flagProblem(h, this.env.transport, this.env.device.device.name, this.#key !== undefined);
    if (refusal) return this.#refuse(bytes, h, refusal, undefined);
    const key = h.flags & Flags.UNENCRYPTED ? undefined : this.#key;
    const existing = this.sessions.get(h.sessionId);
    const badSeq = seqProblem(h, existing, this.sessions.size);
    if (badSeq) return this.#refuse(bytes, h, badSeq, key);

    const opts = decodeOptions(
      this.env.config.maxBodyLength,
      existing?.authen?.expectsUser,
      this.env.ctx.lab().config.trace.showSecrets,
    );
    // Decoded without a span recorder: the trace's field tree is rebuilt from the same bytes only
    // if someone opens the record.
    const dissection = this.#dissector(key !== undefined, opts);
    let pkt: Packet | undefined;
    try {
      pkt = decodeAfterHeader(h, bytes, key, opts);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
    }
    if (!pkt || (key !== undefined && !plausible(pkt.body))) {
      const diag =
        key === undefined
          ? undefined
          : diagnoseSecret(bytes, key, knownTacacsSecrets(this.env.ctx.lab()), {
              maxBodyLength: this.env.config.maxBodyLength,
            });
      if (!pkt || diag?.device) {
        const diagnosis = diag?.message ?? 'the cleartext packet is malformed (length fields do not add up)';
        return this.#refuse(bytes, h, 'packet did not decode with the configured secret', key, {
          diagnosis,
          dissection,
          secretOf: diag?.device,
        });
      }
    }
    const state = existing ?? newSession(h, this.#sessionEnv());
    state.nextSeq = h.seqNo + 2;
    const user = 'user' in pkt.body && pkt.body.user ? pkt.body.user : state.user;
    const summary = summarize(pkt.body);
    const inId = traceRecord(this.env, {
      direction: 'in',
      bytes,
      sessionId: sid,
      summary,
      dissection,
      user,
      result: undefined,
      replyTo: undefined,
      decision: undefined,
      diagnosis: undefined,
      secretOf: undefined,
    });
    // The local backend answers synchronously: then so does this, with no promise per packet.
    const o = this.#dispatch(pkt, state);
    if (!(o instanceof Promise)) return this.#finish(o, h, key, inId, state, t0);
    // Open while it waits: a packet for the session that arrives meanwhile must find it.
    this.sessions.set(h.sessionId, state);
    return o.then((x) => this.#finish(x, h, key, inId, state, t0));
  }

  /** A session is in `sessions` only while it waits (most end in the packet that opened them). */
  #finish(
    { body, decision, done, user: who }: Outcome,
    h: Header,
    key: string | undefined,
    inId: number,
    state: SessionState,
    t0: number,
  ): HandleResult {
    if (who) state.user = who;
    if (done) this.#close(h.sessionId);
    else {
      this.sessions.set(h.sessionId, state);
      this.#arm(h.sessionId, state);
    }
    const kind = kindOf(h.type);
    this.env.ctx.metrics.tacacs.duration[kind].observe((performance.now() - t0) / 1000);
    const out = this.#reply(h, body, key, { replyTo: inId, decision, user: state.user });
    return { out, close: done && !this.singleConnect && this.sessions.size === 0 };
  }

  /** Stops session timers (the connection closed). */
  dispose(): void {
    for (const s of this.sessions.values()) clearTimeout(s.timer);
    this.sessions.clear();
  }

  #authenEnv?: SessionEnv;

  /** What an authentication session needs, one object while the lab's policy stays the same. */
  #sessionEnv(): SessionEnv {
    const policy = this.env.ctx.policy();
    if (this.#authenEnv?.policy !== policy)
      this.#authenEnv = { policy, device: this.env.device, config: this.env.config };
    return this.#authenEnv;
  }

  #arm(id: number, state: SessionState): void {
    clearTimeout(state.timer);
    state.timer = setTimeout(() => this.#expire(id), this.env.config.sessionTimeoutMs);
    state.timer.unref();
  }

  #expire(id: number): void {
    if (!this.sessions.has(id)) return;
    this.#close(id);
    traceNote(this.env, {
      direction: 'in',
      bytes: new Uint8Array(0),
      sessionId: id,
      summary: 'session timed out',
      result: 'drop',
      diagnosis: `no packet within ${this.env.config.sessionTimeoutMs} ms: session dropped`,
    });
  }

  #close(id: number): void {
    const s = this.sessions.get(id);
    if (s) clearTimeout(s.timer);
    this.sessions.delete(id);
  }

  #dispatch(pkt: Packet, state: SessionState): Outcome | Promise<Outcome> {
    const b = pkt.body;
    const m = this.env.ctx.metrics.tacacs;
    if (b.kind === 'authen-start' || b.kind === 'authen-continue') {
      const a = state.authen!;
      const step = b.kind === 'authen-start' ? a.onStart(b) : a.onContinue(b);
      const seqNo = pkt.header.seqNo;
      return step instanceof Promise
        ? step.then((s) => this.#authenOutcome(a, s, seqNo))
        : this.#authenOutcome(a, step, seqNo);
    }
    if (b.kind === 'author-request') {
      return authorize(b, {
        policy: this.env.ctx.policy(),
        device: this.env.device,
        config: this.env.config,
      }).then((o) => {
        const status = resultOf({ kind: 'author-response', ...o.response }) ?? 'error';
        m.author.of(status).inc();
        return {
          body: { kind: 'author-response', ...o.response },
          decision: o.decision,
          done: true,
          user: b.user,
        };
      });
    }
    if (b.kind === 'acct-request') {
      return account(b, {
        device: this.env.device,
        accounting: this.env.ctx.accounting,
        nasAddress: this.env.remote.address,
        now: Date.now(),
      }).then((o) => {
        const status = o.reply.status === 1 ? o.status : 'error';
        m.acct.of(status).inc();
        return { body: { kind: 'acct-reply', ...o.reply }, decision: o.decision, done: true, user: b.user };
      });
    }
    return { body: errorBody(pkt.header.type, 'a client sent a server packet'), done: true };
  }

  #authenOutcome(a: AuthenSession, step: AuthenStep, seqNo: number): Outcome {
    if (step.done) {
      const type = typeLabel(a.start?.authenType ?? 0);
      this.env.ctx.metrics.tacacs.auth[statusLabel(step.reply.status)][type].inc();
    }
    // §4.1: a session cannot continue past seq_no 255; end it with ERROR rather than wrap.
    if (!step.done && seqNo + 1 >= 254) {
      return {
        body: errorBody(PacketType.AUTHEN, 'too many exchanges: seq_no would wrap (RFC 8907 §4.1)'),
        done: true,
        user: step.user,
      };
    }
    return {
      body: { kind: 'authen-reply', ...step.reply },
      decision: step.decision,
      done: step.done,
      user: step.user,
    };
  }

  #refuse(
    bytes: Uint8Array,
    h: Header,
    why: string,
    key: string | undefined,
    extra: Partial<Pick<TacacsTrace, 'diagnosis' | 'dissection' | 'secretOf'>> = {},
  ): HandleResult {
    const sid = h.sessionId;
    const cleartext =
      h.flags & Flags.UNENCRYPTED
        ? this.#dissector(false, { maxBodyLength: this.env.config.maxBodyLength })
        : undefined;
    const inId = traceNote(this.env, {
      direction: 'in',
      bytes,
      sessionId: sid,
      summary: `${typeName(h.type)} refused`,
      result: 'error',
      diagnosis: why,
      dissection: cleartext,
      ...extra,
    });
    this.#close(h.sessionId);
    if (h.seqNo >= 255) return { close: !this.singleConnect };
    // Reply in the form the client used, so it can read why (cleartext stays cleartext).
    const out = this.#reply(h, errorBody(h.type, why.length > 200 ? why.slice(0, 200) : why), key, {
      replyTo: inId,
      decision: deny([why]),
    });
    return {
      out,
      close: !this.singleConnect || (this.env.transport === 'tls' && !(h.flags & Flags.UNENCRYPTED)),
    };
  }

  #reply(
    h: Header,
    body: Body,
    key: string | undefined,
    t: { replyTo: number; decision?: Decision; user?: string },
  ): Buffer {
    const flags =
      (this.singleConnect ? Flags.SINGLE_CONNECT : 0) | (key === undefined ? Flags.UNENCRYPTED : 0);
    const out = encodePacket(
      { major: 0xc, minor: h.minor, seqNo: h.seqNo + 1, flags, sessionId: h.sessionId },
      body,
      key,
    );
    traceRecord(this.env, {
      direction: 'out',
      bytes: out,
      sessionId: h.sessionId,
      summary: summarize(body),
      dissection: this.#dissector(key !== undefined),
      user: t.user,
      result: resultOf(body),
      replyTo: t.replyTo,
      decision: t.decision,
      diagnosis: undefined,
      secretOf: undefined,
    });
    return out;
  }

  /** The trace's lazy field tree for a packet (see `lazyTree`). */
  #dissector(keyed: boolean, opts?: DecodeOptions): (bytes: Uint8Array) => FieldNode[] {
    return lazyTree(keyed ? this.env.device.device.tacacsSecret : undefined, opts);
  }
}

function newSession(h: Header, env: SessionEnv): SessionState {
  const state: SessionState = { type: h.type, nextSeq: h.seqNo };
  if (h.type === PacketType.AUTHEN) state.authen = new AuthenSession(env);
  return state;
}
