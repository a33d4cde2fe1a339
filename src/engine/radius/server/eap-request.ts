import { Buffer } from 'node:buffer';
import type { LoadedLab } from '../../config/loaded-lab';
import type { EngineContext } from '../../context';
import type { Credentials } from '../../backends/types';
import { describeDevice, type DeviceMatch } from '../../policy/devices';
import { deny, withProfile, type Decision } from '../../policy/decision';
import type { Endpoint, TraceProtocol, TraceSink } from '../../trace/types';
import type { AttrInput } from '../codec/build';
import { CODES } from '../codec/constants';
import { getAllRaw, getRaw } from '../codec/message';
import { EapDecodeError, decodeEap, encodeEap, reassembleEap, splitEap, type EapPacket } from '../eap/codec';
import { Conversation, type ConversationStep } from '../eap/conversation';
import { ConversationTable, type Entry } from '../eap/conversation-table';
import { EAP_CODE, type EapMethodName, type EapPolicy, type EapTlsSettings } from '../eap/method';
import { METHOD_FACTORIES } from '../eap/methods';
import { eapConfig, eapLimits, eapTlsSettings } from '../eap/settings';
import { idUserText } from '../../trace/summary-text';
import { eapSuffix, innerRecords } from './eap-trace';
import { replyPairs } from './reply-attrs';
import type { EapHandler, Outcome, RequestContext } from './request-context';

/** What the conversations of one loaded lab share (see EapService.#sharedFor). */
interface Shared {
  trace: TraceSink;
  offer: EapMethodName[];
  tls: EapTlsSettings | undefined;
}

/** Where a conversation's requests came from, for the record traced when it is dropped. */
interface Origin {
  protocol: TraceProtocol;
  transport: 'udp' | 'tls';
  local: Endpoint;
  remote: Endpoint;
  user: string;
}

/**
 * EAP over RADIUS (RFC 3579) for one RADIUS server: reassembles EAP-Message, finds or starts the
 * conversation by State, and turns its steps into Access-Challenge / Accept / Reject.
 */
export class EapService implements EapHandler {
  readonly table: ConversationTable;
  readonly #origin = new WeakMap<Entry, Origin>();
  readonly #unimplemented = new Set<string>();
  /** Per loaded lab (a config apply makes a new one): what every new conversation shares. */
  readonly #shared = new WeakMap<LoadedLab, Shared>();

  constructor(private readonly ctx: EngineContext) {
    this.table = new ConversationTable(
      () => eapLimits(ctx.lab()),
      (e, reason, text) => this.#dropped(e, reason, text),
    );
  }

  close(): void {
    this.table.close();
  }

  async handle(rc: RequestContext, user: string): Promise<Outcome> {
    const cfg = eapConfig(rc.ctx.lab());
    const values = getAllRaw(rc.msg, 'EAP-Message');
    let pkt: EapPacket | undefined;
    try {
      const bytes = reassembleEap(values, eapLimits(rc.ctx.lab()).maxMessageBytes);
      if (bytes.length) pkt = decodeEap(bytes);
    } catch (e) {
      if (!(e instanceof EapDecodeError)) throw e;
      return drop(
        rc,
        user,
        'malformed-eap',
        `malformed EAP-Message: ${e.message} (offset ${e.offset}, ${e.field})`,
      );
    }
    const dev = deviceStep(rc);
    if (!cfg)
      return reject(rc, user, pkt, deny([dev, 'EAP is not enabled in this lab (no radius.eap section)']));
    const stateAttr = getRaw(rc.msg, 'State');
    let entry: Entry | undefined;
    if (stateAttr) {
      const found = this.table.get(stateAttr);
      if (found && 'conv' in found) entry = found;
      else if (pkt?.type !== 1) {
        const why = found
          ? `the EAP conversation of this State ended: ${found.text}`
          : 'State names no EAP conversation of this server (restarted, or another server issued it)';
        return reject(rc, user, pkt, deny([dev, why, 'EAP-Failure']), found?.text);
      }
    }
    if (entry && !pkt)
      return drop(
        rc,
        user,
        'eap-discard',
        'empty EAP-Message (EAP-Start) inside a conversation: only a new one may start so',
      );
    if (entry?.busy)
      return drop(rc, user, 'eap-busy', 'the previous round of this EAP conversation is still being handled');
    if (!entry) {
      const shared = this.#sharedFor(rc);
      const conv = new Conversation(
        {
          deviceStep: dev,
          offer: shared.offer,
          methodContext: { policy: eapPolicy(rc), tls: shared.tls },
          maxRounds: cfg.limits.maxRounds,
        },
        pkt?.identifier ?? Math.floor(Math.random() * 256),
      );
      entry = this.table.create(rc.device?.device.name ?? rc.inb.remote.address, conv);
      this.#origin.set(entry, origin(rc, user));
    } else updateOrigin(this.#origin.get(entry), rc, user);
    let step: ConversationStep;
    entry.busy = true;
    try {
      step = pkt ? await entry.conv.handle(pkt) : entry.conv.startIdentity();
    } finally {
      entry.busy = false;
    }
    return this.#outcome(rc, user, entry, pkt, step);
  }

  #outcome(
    rc: RequestContext,
    user: string,
    e: Entry,
    pkt: EapPacket | undefined,
    s: ConversationStep,
  ): Outcome {
    const id = rc.msg.identifier;
    const summary = idUserText('Access-Request', id, user, eapSuffix(pkt));
    if (s.kind === 'discard') return drop(rc, user, 'eap-discard', s.reason);
    const children = s.inner.length
      ? innerRecords(s.inner, rc.ctx.lab().config.trace.showSecrets)
      : undefined;
    if (s.kind === 'challenge') {
      this.table.touch(e);
      rc.ctx.metrics.radius.auth.challenge.inc();
      return {
        reply: { code: CODES['Access-Challenge'], attrs: eapAttrs(s.eap, 'State', e.state) },
        result: 'info',
        summary,
        user,
        replySummary: `${CHALLENGE_ID[id]!}${user} ${s.summary}`,
        children,
      };
    }
    const method = e.conv.methodName ?? 'none';
    const accept = s.kind === 'accept';
    this.table.finish(e, `${accept ? 'Access-Accept' : 'Access-Reject'} after ${e.conv.rounds} rounds`);
    rc.ctx.metrics.eap.conversations.of(s.kind, method).inc();
    rc.ctx.metrics.radius.auth[s.kind].inc();
    const who = s.decision.user ?? e.conv.identity;
    if (!accept)
      return {
        reply: {
          code: CODES['Access-Reject'],
          attrs: eapAttrs(s.eap, 'Reply-Message', 'Authentication failed'),
        },
        result: 'fail',
        summary,
        user,
        decision: { allow: false, reasons: s.decision.reasons },
        diagnosis: s.diagnosis,
        replySummary: idUserText('Access-Reject', id, user, ' EAP-Failure'),
        children,
      };
    const attrs = eapAttrs(s.eap, 'User-Name', who);
    // RFC 2548 §2.4.2-3 (salted with the Request Authenticator by the dictionary's encrypt=2);
    // RFC 5247 §3 / hostapd: Recv-Key is the MSK's first 32 bytes, Send-Key the next 32.
    if (s.msk && s.msk.length >= 64)
      attrs.push(
        { name: 'MS-MPPE-Recv-Key', value: s.msk.subarray(0, 32) },
        { name: 'MS-MPPE-Send-Key', value: s.msk.subarray(32, 64) },
      );
    return {
      reply: { code: CODES['Access-Accept'], attrs, fixed: replyPairs(s.decision.radiusReply) },
      result: 'pass',
      summary,
      user,
      decision: { allow: true, reasons: withProfile(s.decision).reasons },
      replySummary: idUserText('Access-Accept', id, who, s.msk ? ' EAP-Success + MPPE keys' : ' EAP-Success'),
      children,
    };
  }

  /**
   * The offer and TLS settings (with the trace's key log sink) every conversation of this lab
   * shares: made once per loaded lab, not per conversation (a filter, a settings object, its
   * spread copy and a bound function each time). Nothing downstream changes them.
   */
  #sharedFor(rc: RequestContext): Shared {
    const lab = rc.ctx.lab();
    const trace = rc.ctx.trace;
    let s = this.#shared.get(lab);
    if (s?.trace !== trace) {
      const methods = eapConfig(lab)?.methods ?? [];
      s = { trace, offer: this.#offer(methods), tls: withKeyLog(eapTlsSettings(lab), trace) };
      this.#shared.set(lab, s);
    }
    return s;
  }

  /** The lab's order of preference, minus methods this build cannot run (said once each). */
  #offer(methods: readonly EapMethodName[]): EapMethodName[] {
    return methods.filter((m) => {
      if (METHOD_FACTORIES[m]) return true;
      if (!this.#unimplemented.has(m)) {
        this.#unimplemented.add(m);
        this.ctx.log.warn(`radius.eap.methods lists ${m}, which this build does not implement: not offered`);
      }
      return false;
    });
  }

  #dropped(e: Entry, reason: string, text: string): void {
    this.ctx.metrics.eap.dropped.of(reason).inc();
    const o = this.#origin.get(e);
    if (!o) return;
    this.ctx.trace.append({
      ...o,
      role: 'server',
      direction: 'in',
      device: e.device,
      summary:
        `EAP conversation of ${e.conv.identity || o.user} ${e.conv.methodName ?? ''} dropped: ${reason}`.replace(
          '  ',
          ' ',
        ),
      result: 'drop',
      bytes: new Uint8Array(0),
      diagnosis: `EAP conversation ${text}`,
    });
  }
}

/** "Access-Challenge id=0 " … "id=255 ": each challenge's summary starts with one of these. */
const CHALLENGE_ID = Array.from({ length: 256 }, (_, i) => `Access-Challenge id=${i} `);

/** The EAP packet as EAP-Message attributes (RFC 3579 §3.1, 253 bytes each), then one more. */
function eapAttrs(eap: Buffer, name: string, value: Buffer | string): AttrInput[] {
  const out: AttrInput[] = [];
  for (const v of splitEap(eap)) out.push({ name: 'EAP-Message', value: v });
  out.push({ name, value });
  return out;
}

function deviceStep(rc: RequestContext): string {
  return rc.device ? describeDevice(rc.device) : 'no device (RadSec client)';
}

function eapPolicy(rc: RequestContext): EapPolicy {
  return new DevicePolicy(rc.ctx, rc.device);
}

/** The lab's policy for the conversations of one device (a class: no closures per conversation). */
class DevicePolicy implements EapPolicy {
  constructor(
    private readonly ctx: EngineContext,
    private readonly device: DeviceMatch | undefined,
  ) {}

  /** Without a promise chain through the backends when they can answer at once (local users). */
  authenticate(username: string, credentials: Credentials): Promise<Decision> {
    const req = { device: this.device, username, credentials };
    const policy = this.ctx.policy();
    const now = policy.authenticateNow(req);
    return now ? Promise.resolve(now) : policy.authenticate(req);
  }

  /** The method names the certificate and how it verified; the policy says who that user is. */
  authorizeIdentity(identity: string): Promise<Decision> {
    return this.ctx.policy().authorize({ device: this.device, username: identity });
  }
}

function origin(rc: RequestContext, user: string): Origin {
  const { inb } = rc;
  const protocol = inb.listener === 'radsec' ? 'radsec' : 'radius';
  return { protocol, transport: inb.transport, local: inb.local, remote: inb.remote, user };
}

/** A later round's request, written into the entry's Origin: a WeakMap set per round (a new
 * object each time) took V8's ephemeron write barrier's slow path. */
function updateOrigin(o: Origin | undefined, rc: RequestContext, user: string): void {
  if (!o) return;
  const { inb } = rc;
  o.protocol = inb.listener === 'radsec' ? 'radsec' : 'radius';
  o.transport = inb.transport;
  o.local = inb.local;
  o.remote = inb.remote;
  o.user = user;
}

function drop(rc: RequestContext, user: string, reason: string, why: string): Outcome {
  rc.ctx.metrics.radius.auth.dropped.inc();
  return {
    result: 'drop',
    dropReason: reason,
    summary: idUserText('Access-Request', rc.msg.identifier, user, ' EAP discarded'),
    user,
    diagnosis: why,
  };
}

/** Access-Reject with EAP-Failure outside a conversation (EAP off, unknown or ended State). */
function reject(
  rc: RequestContext,
  user: string,
  pkt: EapPacket | undefined,
  d: Decision,
  diagnosis?: string,
): Outcome {
  rc.ctx.metrics.radius.auth.reject.inc();
  const eap = encodeEap({
    code: EAP_CODE.Failure,
    identifier: pkt?.identifier ?? 0,
    typeData: Buffer.alloc(0),
  });
  return {
    reply: { code: CODES['Access-Reject'], attrs: [{ name: 'EAP-Message', value: eap }] },
    result: 'fail',
    summary: idUserText('Access-Request', rc.msg.identifier, user, eapSuffix(pkt)),
    user,
    decision: { allow: false, reasons: d.reasons },
    diagnosis: diagnosis ?? d.reasons.at(-1),
  };
}

/** The trace keeps the tunnels' key log lines (bounded) for a pcap export that asks for them. */
function withKeyLog(s: EapTlsSettings | undefined, trace: TraceSink): EapTlsSettings | undefined {
  const sink = trace.tlsKeyLog?.bind(trace);
  return s && sink ? { ...s, keylog: sink } : s;
}
