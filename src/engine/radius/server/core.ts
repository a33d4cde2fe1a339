import { performance } from 'node:perf_hooks';
import type { EngineContext } from '../../context';
import type { Secret } from '../../secret';
import type { TraceInput, TraceProtocol } from '../../trace/types';
import type { AttrInput } from '../codec/build';
import { CODES, codeName } from '../codec/constants';
import { diagnoseSecret } from '../codec/diagnose';
import { knownRadiusSecrets } from '../../config/known-secrets';
import { DecodeError } from '../codec/errors';
import { decodeMessageLazy, getAllRaw, type RadiusMessage } from '../codec/message';
import { replyMaVector, secretBytes, signResponse, verifyRequest } from '../codec/sign';
import type { Dictionary } from '../dictionary/dictionary';
import { labDictionary } from '../dictionary/load';
import { BoundedSet } from '../../bounded';
import { DuplicateCache } from './duplicate-cache';
import { handleAccess } from './access-request';
import { EapService } from './eap-request';
import { handleAccounting } from './accounting-request';
import { handleStatus } from './status-server';
import { unverifiableMA } from './unverifiable-ma';
import { RequestContext, type CoaDelegate, type Inbound, type Outcome } from './request-context';
import { RateLimiter } from './rate-limit';
import { encodeFixedReply, encodeReply, type EncodedReply } from './reply-attrs';
import { plainTree, replyTree, requestTree } from './trace-trees';
import { LiveSessions } from './sessions';
import { idUserText } from '../../trace/summary-text';

const NOTHING: EncodedReply = Object.freeze({ attrs: Object.freeze([]), errors: Object.freeze([]) });

/** "id=0" … "id=255": the trace's session column for RADIUS, one string each. */
const ID_TEXT = Array.from({ length: 256 }, (_, i) => `id=${i}`);

const SECRET_CACHE = new WeakMap<Secret, Buffer>();
const bytesOf = (s: Secret): Buffer => {
  let b = SECRET_CACHE.get(s);
  if (!b) SECRET_CACHE.set(s, (b = secretBytes(s.reveal())));
  return b;
};

/**
 * The transport-independent RADIUS server: decode, identify the client, drop what must be dropped
 * (malformed, unknown client, rate, duplicate, bad authenticators), decide, answer, trace, count.
 */
export class RadiusCore {
  readonly dup: DuplicateCache;
  /** Live accounting sessions (Acct-Session-Id), shared with the CoA responder's unknownSession rule. */
  readonly sessions: LiveSessions;
  readonly #rate = new RateLimiter();
  readonly #seenMA = new BoundedSet<string>(10_000);
  /** EAP conversations (RFC 3579), keyed by the State this server issues. */
  readonly eap: EapService;

  constructor(
    private readonly ctx: EngineContext,
    private readonly coa?: CoaDelegate,
    sessions?: LiveSessions,
  ) {
    this.sessions = sessions ?? new LiveSessions();
    this.dup = new DuplicateCache(ctx.lab().config.radius?.duplicateWindowMs ?? 5000);
    this.eap = new EapService(ctx);
  }

  /** Server stop: EAP conversations release their methods (TLS sockets, timers). */
  close(): void {
    this.eap.close();
  }

  /** `handle` for a transport: whatever goes wrong with one packet is reported, never thrown. */
  handleGuarded(inb: Inbound, onError: (e: unknown, inb: Inbound) => void): void {
    try {
      const r = this.handle(inb);
      if (r) r.catch((e: unknown) => onError(e, inb));
    } catch (e) {
      onError(e, inb);
    }
  }

  /** Synchronous unless the request waits on something (a backend, an accounting commit). */
  handle(inb: Inbound): void | Promise<void> {
    const t0 = performance.now();
    const lab = this.ctx.lab();
    const dict = labDictionary(lab).dictionary;
    const protocol: TraceProtocol =
      inb.listener === 'auth' ? 'radius' : inb.listener === 'acct' ? 'radius-acct' : 'radsec';
    let msg: RadiusMessage;
    try {
      msg = decodeMessageLazy(inb.bytes, dict);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      return this.#drop(inb, protocol, dict, 'malformed', `malformed packet from ${inb.remote.address}`, {
        diagnosis: `malformed: ${e.message} (offset ${e.offset}, ${e.field})`,
      });
    }
    const idText = ID_TEXT[msg.identifier]!;
    const device = this.ctx.policy().device(inb.remote.address);
    const secretObj = inb.fixedSecret ?? device?.device.radiusSecret;
    if (!secretObj) {
      const d = diagnoseSecret(msg.index, knownRadiusSecrets(lab));
      const why = device
        ? `device ${device.device.name} has no radiusSecret`
        : `unknown client ${inb.remote.address}: no device matches`;
      return this.#drop(
        inb,
        protocol,
        dict,
        device ? 'no-secret' : 'unknown-client',
        `${msg.codeName} ${idText} from unknown client ${inb.remote.address}`,
        { sessionId: idText, diagnosis: `${why}; ${d.text}` },
      );
    }
    const devName = device?.device.name;
    if (!this.#rate.allow(inb.remote.address, t0))
      return this.#drop(
        inb,
        protocol,
        dict,
        'rate-limit',
        `${msg.codeName} ${idText} over the per-client rate`,
        {
          device: devName,
          sessionId: idText,
        },
      );

    const secret = bytesOf(secretObj);
    const useDup = inb.transport === 'udp' && msg.code !== CODES['Status-Server'];
    const { address, port } = inb.remote;
    // t0 is the clock for the rate and the duplicate window too: one clock read per request.
    const cached = useDup ? this.dup.get(address, port, msg.identifier, msg.authenticator, t0) : undefined;
    if (cached) return this.#duplicate(cached, inb, protocol, msg, dict, secret, devName);
    const entry = useDup ? this.dup.begin(address, port, msg.identifier, msg.authenticator, -1, t0) : -1;

    const checks = verifyRequest(msg.bytes, secret, msg.index);
    const rc = new RequestContext(
      this.ctx,
      msg,
      inb,
      device,
      secret,
      checks,
      dict,
      this.#seenMA,
      this.sessions,
      this.eap,
    );
    let out: Outcome | Promise<Outcome> | undefined = unverifiableMA(rc);
    if (out) {
      // discarded before any handler (RadSec CoA included): answered below with no reply
    } else if (msg.code === CODES['Access-Request'] && inb.listener !== 'acct') out = handleAccess(rc);
    else if (msg.code === CODES['Accounting-Request'] && inb.listener !== 'auth') out = handleAccounting(rc);
    else if (msg.code === CODES['Status-Server']) out = handleStatus(rc);
    else if (
      (msg.code === CODES['CoA-Request'] || msg.code === CODES['Disconnect-Request']) &&
      inb.listener === 'radsec' &&
      this.coa
    ) {
      return this.coa(msg, inb, secretObj, device);
    } else
      out = {
        result: 'drop',
        dropReason: 'unexpected-code',
        summary: `${msg.codeName} ${idText} not accepted on the ${inb.listener} port`,
      };
    const answer = new Answering(t0, protocol, idText, devName, entry, lab.config.trace.showSecrets);
    if (out instanceof Promise) return out.then((o) => this.#answer(rc, answer, o));
    this.#answer(rc, answer, out);
  }

  /** Traces the request with its outcome and sends the reply, if there is one. */
  #answer(rc: RequestContext, a: Answering, out: Outcome): void {
    const { msg, inb, dict, secret } = rc;
    const { t0, protocol, idText, devName, entry } = a;
    const inTrace: TraceInput = {
      protocol,
      transport: inb.transport,
      local: inb.local,
      remote: inb.remote,
      role: 'server',
      direction: 'in',
      device: devName,
      user: out.user,
      sessionId: idText,
      summary: out.summary,
      result: out.result,
      bytes: msg.bytes,
      dissection: requestTree(dict, secret, a.showSecrets),
      decision: out.decision,
      diagnosis: out.diagnosis,
      secretOf: inb.fixedSecret ? 'radsec' : devName,
    };
    if (!out.reply) {
      if (out.dropReason) this.ctx.metrics.radius.dropped.of(out.dropReason).inc();
      const id = this.ctx.trace.append(inTrace);
      if (entry >= 0) this.dup.complete(entry, id);
      // The record was not stored: the NAS's retransmission must be processed afresh, not dropped as
      // a duplicate of a request still "in progress".
      if (entry >= 0 && out.dropReason === 'store-error') this.dup.forget(entry);
      return;
    }
    const inId = this.ctx.trace.append(inTrace);
    this.#children(inTrace, inId, out);
    const fixed = out.reply.fixed
      ? encodeFixedReply(out.reply.fixed, dict, secret, msg.authenticator)
      : undefined;
    const proxied = proxyStates(msg);
    // The common reply is only the cached fixed part: no per-request arrays. Otherwise the fixed
    // part first, then this request's attributes, then Proxy-State, in one list.
    const { attrs, errors } =
      out.reply.attrs.length || proxied.length
        ? encodeReply(out.reply.attrs, dict, secret, msg.authenticator, proxied, fixed)
        : (fixed ?? NOTHING);
    const maVector = replyMaVector(out.reply.code, msg.code);
    const reply = signResponse(out.reply.code, msg.identifier, attrs, secret, msg.authenticator, {
      messageAuthenticator: needsReplyMA(out.reply.code, msg.code),
      maVector,
    });
    if (entry >= 0) this.dup.complete(entry, inId, reply);
    inb.send(reply);
    this.ctx.metrics.radius.duration.of(msg.codeName).observe((performance.now() - t0) / 1000);
    this.ctx.trace.append({
      protocol,
      transport: inb.transport,
      local: inb.local,
      remote: inb.remote,
      role: 'server',
      direction: 'out',
      device: devName,
      user: out.user,
      sessionId: idText,
      summary: out.replySummary
        ? out.replySummary
        : out.user
          ? idUserText(codeName(out.reply.code), msg.identifier, out.user, '')
          : `${codeName(out.reply.code)} ${idText}`,
      result: out.result,
      bytes: reply,
      dissection: replyTree(dict, secret),
      replyTo: inId,
      diagnosis: errors.length ? `reply attributes skipped: ${errors.join('; ')}` : undefined,
      secretOf: inTrace.secretOf,
    });
  }

  /**
   * EAP's decrypted inner messages, traced as children of the outer request record. Written out
   * with the request record's keys in its order (plus `parent`), not as `{ ...outer, … }`: a spread
   * copy whose keys are then overwritten got a hidden class of its own per record, so the store's
   * property reads (TraceColumns.put) missed V8's inline caches on every record after it.
   */
  #children(outer: TraceInput, parent: number, out: Outcome): void {
    const children = out.children;
    if (!children) return;
    // Written out rather than spread from `outer`: one object shape, no copy of the outer's fields.
    for (const c of children)
      this.ctx.trace.append({
        protocol: outer.protocol,
        transport: outer.transport,
        local: outer.local,
        remote: outer.remote,
        role: outer.role,
        direction: c.direction,
        device: outer.device,
        user: outer.user,
        sessionId: outer.sessionId,
        summary: c.summary,
        result: 'info',
        bytes: c.bytes,
        dissection: c.dissection,
        decision: undefined,
        diagnosis: undefined,
        secretOf: outer.secretOf,
        parent,
      });
  }

  /** Traces and counts a datagram dropped before it was handled (cold path). */
  #drop(
    inb: Inbound,
    protocol: TraceProtocol,
    dict: Dictionary,
    reason: string,
    summary: string,
    extra: Partial<TraceInput>,
  ): void {
    this.ctx.metrics.radius.dropped.of(reason).inc();
    this.ctx.trace.append({
      ...base(inb, protocol),
      direction: 'in',
      summary,
      result: 'drop',
      bytes: inb.bytes,
      dissection: plainTree(dict),
      ...extra,
    });
  }

  #duplicate(
    cached: { reply?: Buffer; traceId: number },
    inb: Inbound,
    protocol: TraceProtocol,
    msg: RadiusMessage,
    dict: Dictionary,
    secret: Buffer,
    device?: string,
  ): void {
    const b = base(inb, protocol);
    const idText = `id=${msg.identifier}`;
    const inId = this.ctx.trace.append({
      ...b,
      direction: 'in',
      device,
      sessionId: idText,
      summary: `${msg.codeName} ${idText} duplicate${cached.reply ? ' (cached reply resent)' : ' (original still in progress: dropped)'}`,
      result: cached.reply ? 'info' : 'drop',
      duplicate: true,
      bytes: msg.bytes,
      dissection: requestTree(dict, secret, false),
      diagnosis: `RFC 5080 §2.2.2: same source, Identifier and Request Authenticator as trace #${cached.traceId}`,
    });
    if (!cached.reply) {
      this.ctx.metrics.radius.dropped.duplicate.inc();
      return;
    }
    const reply = cached.reply;
    inb.send(reply);
    this.ctx.trace.append({
      ...b,
      direction: 'out',
      device,
      sessionId: idText,
      summary: `${codeName(cached.reply[0]!)} ${idText} (resent from the duplicate cache)`,
      result: 'info',
      duplicate: true,
      bytes: reply,
      dissection: replyTree(dict, secret),
      replyTo: inId,
    });
  }
}

/** Where the answer to a request goes and how it is traced (what `#answer` needs besides the request). */
class Answering {
  constructor(
    readonly t0: number,
    readonly protocol: TraceProtocol,
    readonly idText: string,
    readonly devName: string | undefined,
    readonly entry: number,
    readonly showSecrets: boolean,
  ) {}
}

/** The trace fields every record of a request shares (cold paths spread it). */
function base(inb: Inbound, protocol: TraceProtocol) {
  return {
    protocol,
    transport: inb.transport,
    local: inb.local,
    remote: inb.remote,
    role: 'server' as const,
  };
}

/**
 * Message-Authenticator on every Access-Accept/Reject/Challenge (BlastRADIUS) and on replies to
 * Status-Server (RFC 5997 §3), but not on an Accounting-Response to an Accounting-Request: no RFC
 * defines how to compute it there and peers disagree (FreeRADIUS 3.2 over a zero vector, radsecproxy
 * over the Request Authenticator, which drops ours as "message authentication failed"), while both
 * accept the reply without one, as RFC 2866 §4.2 allows.
 */
function needsReplyMA(replyCode: number, requestCode: number): boolean {
  return !(replyCode === CODES['Accounting-Response'] && requestCode === CODES['Accounting-Request']);
}

/** RFC 2865 §5.33: Proxy-State attributes are copied unmodified, in order, into the reply. */
function proxyStates(m: RadiusMessage): readonly AttrInput[] {
  const all = getAllRaw(m, 'Proxy-State');
  return all.length ? all.map((value) => ({ name: 'Proxy-State', value })) : NONE;
}
const NONE: readonly AttrInput[] = Object.freeze([]);
