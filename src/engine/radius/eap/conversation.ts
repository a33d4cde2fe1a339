import { Buffer } from 'node:buffer';
import { deny, type Decision } from '../../policy/decision';
import { eapTypeName, encodeEap, nakDesired, type EapPacket } from './codec';
import {
  EAP_CODE,
  EAP_TYPE,
  type EapMethodContext,
  type EapMethodName,
  type EapMethodSession,
  type InnerMessage,
  type MethodStep,
} from './method';
import { METHOD_FACTORIES, METHOD_TYPES, methodForType } from './methods';

/** What the RADIUS side does with one EAP response. */
export type ConversationStep =
  /** Access-Challenge carrying this EAP-Request. */
  | { kind: 'challenge'; eap: Buffer; summary: string; inner: readonly InnerMessage[] }
  /** Access-Accept with EAP-Success (and MPPE keys from `msk`). */
  | { kind: 'accept'; eap: Buffer; decision: Decision; msk?: Buffer; inner: readonly InnerMessage[] }
  /** Access-Reject with EAP-Failure; `diagnosis` is the plain-language why (NAK, …). */
  | {
      kind: 'reject';
      eap: Buffer;
      decision: Decision;
      diagnosis?: string;
      inner: readonly InnerMessage[];
    }
  /** No answer at all (RFC 3748 §4.1: a response that does not match the outstanding request). */
  | { kind: 'discard'; reason: string };

export interface ConversationSetup {
  /** "device lab-loopback (127.0.0.1/32)": the first step of every Decision. */
  deviceStep: string;
  /** The lab's order of preference, already limited to implemented methods. */
  offer: readonly EapMethodName[];
  /** Everything a method needs except its identity, identifier and inner recorder. */
  methodContext: Pick<EapMethodContext, 'policy' | 'tls'>;
  maxRounds: number;
}

const NO_INNER: readonly InnerMessage[] = Object.freeze([]);

type Phase =
  | { name: 'identity' }
  | { name: 'method'; session: EapMethodSession; method: EapMethodName; nakable: boolean }
  | { name: 'done' };

/**
 * One EAP conversation (RFC 3748 §2): Identity → the lab's preferred method → NAK with the peer's
 * desired types → method rounds → Success/Failure. Not re-entrant: the server handles one response
 * of a conversation at a time. Owns EAP codes and identifiers; a method sees only its Type-Data.
 */
export class Conversation {
  identity = '';
  rounds = 0;
  /** The Identifier of the outstanding EAP-Request (a response must echo it). */
  lastId: number;
  #phase: Phase = { name: 'identity' };
  #tried = new Set<EapMethodName>();
  /** This round's decrypted inner messages; most rounds have none and share NO_INNER. */
  #inner: InnerMessage[] | undefined;
  #current = 0;

  constructor(
    private readonly setup: ConversationSetup,
    firstId: number,
  ) {
    this.lastId = firstId;
  }

  get methodName(): string | undefined {
    return this.#phase.name === 'method' ? this.#phase.session.name : undefined;
  }

  get finished(): boolean {
    return this.#phase.name === 'done';
  }

  /** An empty EAP-Message (RFC 3579 §2.1 "EAP-Start"): ask for the identity. */
  startIdentity(): ConversationStep {
    this.lastId = (this.lastId + 1) & 0xff;
    const eap = encodeEap({
      code: EAP_CODE.Request,
      identifier: this.lastId,
      type: EAP_TYPE.Identity,
      typeData: Buffer.alloc(0),
    });
    return { kind: 'challenge', eap, summary: 'EAP-Request/Identity', inner: NO_INNER };
  }

  async handle(p: EapPacket): Promise<ConversationStep> {
    this.#inner = undefined;
    if (p.code !== EAP_CODE.Response)
      return {
        kind: 'discard',
        reason: `EAP ${p.code === EAP_CODE.Request ? 'Request' : `code ${p.code}`} from the authenticator side (only Responses are accepted)`,
      };
    const phase = this.#phase;
    if (phase.name === 'done') return { kind: 'discard', reason: 'EAP conversation already finished' };
    if (phase.name === 'method' && p.identifier !== this.lastId)
      return {
        kind: 'discard',
        reason: `EAP-Response Identifier ${p.identifier} does not match the outstanding EAP-Request's ${this.lastId} (RFC 3748 §4.1)`,
      };
    if (++this.rounds > this.setup.maxRounds)
      return this.#fail(p, [
        `EAP conversation over ${this.setup.maxRounds} rounds (radius.eap.limits.maxRounds)`,
      ]);
    this.#current = p.identifier;
    if (phase.name === 'identity') {
      if (p.type !== EAP_TYPE.Identity)
        return this.#fail(p, [`EAP conversation began with ${eapTypeName(p.type ?? 0)} instead of Identity`]);
      this.identity = p.typeData.toString('utf8').replace(/\0.*$/s, '');
      const first = this.setup.offer[0];
      if (!first) return this.#fail(p, ['no EAP method is enabled (radius.eap.methods)']);
      return this.#startMethod(p, first);
    }
    if (p.type === EAP_TYPE.Nak) return this.#nak(p, phase);
    if (p.type !== phase.session.type)
      return this.#fail(p, [
        `${phase.session.name}: the supplicant answered with ${eapTypeName(p.type ?? 0)} (${p.type}) instead`,
      ]);
    phase.nakable = false;
    return this.#method(p, await phase.session.step(p.typeData));
  }

  /** Releases the method (sockets, timers). */
  close(): void {
    if (this.#phase.name === 'method') this.#phase.session.close();
    this.#phase = { name: 'done' };
  }

  #nak(
    p: EapPacket,
    phase: Extract<Phase, { name: 'method' }>,
  ): Promise<ConversationStep> | ConversationStep {
    const desired = nakDesired(p.typeData);
    const wants = desired.length ? desired.map((t) => eapTypeName(t)).join(', ') : 'no method at all';
    const refused = `the supplicant refused ${phase.session.name} (NAK) and asked for ${wants}`;
    if (!phase.nakable)
      return this.#fail(
        p,
        [
          `${refused} in the middle of ${phase.session.name} (RFC 3748 §5.3.1 allows a NAK only to the first request)`,
        ],
        refused,
      );
    // RFC 3748 §5.3.1: the lab's order of preference, among what the peer desires and is untried.
    const next = this.setup.offer.find((m) => !this.#tried.has(m) && desired.includes(METHOD_TYPES[m]));
    if (!next) {
      const known = desired.map((t) => methodForType(t)).filter((m) => m !== undefined);
      const hint = known.length
        ? `; ${known.join(', ')} ${known.length > 1 ? 'are' : 'is'} not enabled here (radius.eap.methods: ${this.setup.offer.join(', ')})`
        : `; the lab offers ${this.setup.offer.join(', ')}`;
      return this.#fail(p, [`${refused}${hint}`], `method refused by the supplicant: ${refused}${hint}`);
    }
    phase.session.close();
    return this.#startMethod(p, next);
  }

  async #startMethod(p: EapPacket, name: EapMethodName): Promise<ConversationStep> {
    this.#tried.add(name);
    const factory = METHOD_FACTORIES[name];
    if (!factory) return this.#fail(p, [`EAP method ${name} has no implementation in this build`]);
    const next = (this.lastId + 1) & 0xff;
    this.#current = next;
    const mc = this.setup.methodContext;
    // Written out rather than spread: a spread of the setup's object took V8's slow define path.
    const session = factory({
      policy: mc.policy,
      tls: mc.tls,
      outerIdentity: this.identity,
      inner: (m) => {
        if (this.#inner) this.#inner.push(m);
        else this.#inner = [m];
      },
      identifier: () => this.#current,
    });
    this.#phase = { name: 'method', session, method: name, nakable: true };
    return this.#method(p, await session.start());
  }

  #method(p: EapPacket, s: MethodStep): ConversationStep {
    const name = this.#phase.name === 'method' ? this.#phase.session.name : 'EAP';
    if (s.kind === 'request') {
      const type = this.#phase.name === 'method' ? this.#phase.session.type : 0;
      this.lastId = (this.lastId + 1) & 0xff;
      const eap = encodeEap({ code: EAP_CODE.Request, identifier: this.lastId, type, typeData: s.typeData });
      return {
        kind: 'challenge',
        eap,
        summary: `${name} ${s.summary ?? 'Request'}`,
        inner: this.#inner ?? NO_INNER,
      };
    }
    const decision = withMethod(s.decision, this.setup.deviceStep, name);
    this.close();
    if (s.kind === 'failure') {
      // The backend's verdict ("local: EAP-MD5 response incorrect for alice") is the step before "authentication failed".
      const why = s.decision.reasons.at(-2) ?? s.decision.reasons.at(-1) ?? 'refused';
      return this.#end(p, 'reject', decision, `${name} failed for ${this.identity}: ${why}`);
    }
    return {
      kind: 'accept',
      eap: this.#final(p, EAP_CODE.Success),
      decision,
      msk: s.msk,
      inner: this.#inner ?? NO_INNER,
    };
  }

  #fail(p: EapPacket, why: string[], diagnosis?: string): ConversationStep {
    this.close();
    return this.#end(p, 'reject', deny([this.setup.deviceStep, ...why, 'EAP-Failure']), diagnosis);
  }

  #end(p: EapPacket, kind: 'reject', decision: Decision, diagnosis?: string): ConversationStep {
    return {
      kind,
      eap: this.#final(p, EAP_CODE.Failure),
      decision,
      diagnosis,
      inner: this.#inner ?? NO_INNER,
    };
  }

  /** RFC 3748 §4.2: Success/Failure carry the Identifier of the response they answer. */
  #final(p: EapPacket, code: number): Buffer {
    return encodeEap({ code, identifier: p.identifier, typeData: Buffer.alloc(0) });
  }
}

/**
 * "device … → EAP method PEAP → (tunnel steps) → user alice → backend → group": the method after
 * the device step. A tunnelled method puts its own steps before the policy's, whose first step is
 * the device again: that one is dropped, wherever it is.
 */
function withMethod(d: Decision, deviceStep: string, method: string): Decision {
  const step = `EAP method ${method}`;
  const rest = d.reasons.filter((r) => r !== deviceStep && r !== POLICY_NO_DEVICE);
  return { ...d, reasons: [deviceStep, step, ...rest] };
}

/** The policy's device step for a request without a device (RadSec): the conversation says it its own way. */
const POLICY_NO_DEVICE = 'no device (direct check)';
