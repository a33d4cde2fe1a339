import type { EngineContext } from '../../context';
import type { DeviceMatch } from '../../policy/devices';
import type { Secret } from '../../secret';
import type { FieldNode, TraceResult } from '../../packet-view';
import type { Dissector, Endpoint, TraceDecision } from '../../trace/types';
import type { AttrInput } from '../codec/build';
import { diagnoseSecret } from '../codec/diagnose';
import { knownRadiusSecrets } from '../../config/known-secrets';
import type { RadiusMessage } from '../codec/message';
import type { RequestChecks } from '../codec/sign';
import type { Dictionary } from '../dictionary/dictionary';
import type { LiveSessions } from './sessions';

/** One received datagram or RadSec packet, with the way back to its sender. */
export interface Inbound {
  bytes: Buffer;
  local: Endpoint;
  remote: Endpoint;
  transport: 'udp' | 'tls';
  listener: 'auth' | 'acct' | 'radsec';
  send(reply: Buffer): void;
  /** RadSec (RFC 6614 §2.3): the fixed shared secret; the TLS client certificate identifies the peer. */
  fixedSecret?: Secret;
}

/** CoA/Disconnect arriving over RadSec are answered by the CoA responder's rules. */
export type CoaDelegate = (
  m: RadiusMessage,
  inb: Inbound,
  secret: Secret,
  device?: DeviceMatch,
) => Promise<void>;

/** What the handlers of one request get (a class: no closure per request). */
export class RequestContext {
  constructor(
    readonly ctx: EngineContext,
    readonly msg: RadiusMessage,
    readonly inb: Inbound,
    readonly device: DeviceMatch | undefined,
    readonly secret: Buffer,
    readonly checks: RequestChecks,
    readonly dict: Dictionary,
    /** RFC 5080 "auto" Message-Authenticator: clients that have sent one. */
    readonly seenMA: Set<string>,
    readonly sessions: LiveSessions,
    /** EAP conversations of this server (RFC 3579). */
    readonly eap: EapHandler,
  ) {}

  /** Which device's secret the packet decodes with, if not the one configured for its source. */
  diagnose(): string {
    return diagnoseSecret(this.msg.index, knownRadiusSecrets(this.ctx.lab())).text;
  }
}

/** What a request handler decided: the reply to send (if any) and what the trace shows. */
export interface Outcome {
  /** `fixed`: attributes that are the same object for every such reply (encoded once); `attrs`: this request's. */
  reply?: { code: number; attrs: readonly AttrInput[]; fixed?: readonly AttrInput[] };
  result: TraceResult;
  summary: string;
  user?: string;
  decision?: TraceDecision;
  diagnosis?: string;
  dropReason?: string;
  /** The reply's trace summary when it says more than "<code> id=N user" (EAP: which round). */
  replySummary?: string;
  /** Records for the trace as children of the request (EAP: decrypted inner messages). */
  children?: ChildRecord[];
}

/** A record traced under its outer packet (the decrypted inner conversation of PEAP/TTLS). */
export interface ChildRecord {
  direction: 'in' | 'out';
  summary: string;
  bytes: Uint8Array;
  dissection: FieldNode[] | Dissector;
}

/** Who answers an Access-Request carrying EAP-Message (the server's EAP conversations). */
export interface EapHandler {
  handle(rc: RequestContext, user: string): Promise<Outcome>;
}
