import type { Socket } from 'node:dgram';
import type { EngineContext, ListenerInfo, Service } from '../../context';
import type { DeviceMatch } from '../../policy/devices';
import type { Secret } from '../../secret';
import type { TraceInput } from '../../trace/types';
import type { AttrInput } from '../codec/build';
import { CODES, codeName } from '../codec/constants';
import { diagnoseSecret } from '../codec/diagnose';
import { knownRadiusSecrets } from '../../config/known-secrets';
import { dissect } from '../codec/dissect';
import { DecodeError } from '../codec/errors';
import { decodeMessageLazy, getAll, getString, type RadiusMessage } from '../codec/message';
import { maDropReason, maProblemText, secretBytes, signResponse, verifyRequest } from '../codec/sign';
import { labDictionary } from '../dictionary/load';
import { encodeReply } from '../server/reply-attrs';
import type { Inbound } from '../server/request-context';
import { bindUdp, closeSocket, parseListen } from '../server/udp';
import { decideCoa } from './rules';

/**
 * CoA / Disconnect test responder acting as a NAS (RFC 5176): verifies the Request Authenticator with the
 * device's coaSecret, applies the lab's rules (first match: ack, nak with Error-Cause, drop, delay) and
 * answers with Message-Authenticator first. Every request is traced.
 */
export class CoaResponder implements Service {
  readonly name = 'coa';
  #sockets: Socket[] = [];
  readonly #timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly knownSession: (id: string) => boolean = () => false,
  ) {}

  async start(): Promise<ListenerInfo[]> {
    const cfg = this.ctx.lab().config.coa;
    if (!cfg) return [];
    const out: ListenerInfo[] = [];
    const rcvbuf = this.ctx.lab().config.radius?.receiveBufferBytes ?? 8 * 1024 * 1024;
    try {
      for (const hp of parseListen(cfg.listen)) {
        const sock = await bindUdp(hp, rcvbuf, 'coa', (msg, rinfo, s) => {
          const a = s.address();
          void this.handle({
            bytes: msg,
            local: { address: a.address, port: a.port },
            remote: { address: rinfo.address, port: rinfo.port },
            transport: 'udp',
            listener: 'auth',
            send: (r) => s.send(r, rinfo.port, rinfo.address),
          }).catch((e: unknown) =>
            this.ctx.log.error('coa: request failed', { error: (e as Error).message }),
          );
        });
        this.#sockets.push(sock);
        const a = sock.address();
        out.push({ service: 'coa', transport: 'udp', address: a.address, port: a.port });
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    return out;
  }

  async stop(): Promise<void> {
    for (const t of this.#timers) clearTimeout(t);
    this.#timers.clear();
    const socks = this.#sockets;
    this.#sockets = [];
    await Promise.all(socks.map(closeSocket));
  }

  async handle(inb: Inbound): Promise<void> {
    const lab = this.ctx.lab();
    const dict = labDictionary(lab).dictionary;
    const base = {
      protocol: 'coa' as const,
      transport: inb.transport,
      local: inb.local,
      remote: inb.remote,
      role: 'server' as const,
    };
    let msg: RadiusMessage;
    try {
      msg = decodeMessageLazy(inb.bytes, dict);
    } catch (e) {
      if (!(e instanceof DecodeError)) throw e;
      this.ctx.metrics.radiusDropped.inc({ reason: 'malformed' });
      this.ctx.trace.append({
        ...base,
        direction: 'in',
        summary: `malformed CoA packet from ${inb.remote.address}`,
        result: 'drop',
        bytes: inb.bytes,
        dissection: () => dissect(inb.bytes, dict),
        diagnosis: e.message,
      });
      return;
    }
    const device = this.ctx.policy().device(inb.remote.address);
    return this.respond(
      msg,
      inb,
      inb.fixedSecret ?? device?.device.coaSecret ?? device?.device.radiusSecret,
      device,
    );
  }

  /** Also the RadSec delegate: CoA/Disconnect arriving over a RadSec connection. */
  async respond(
    msg: RadiusMessage,
    inb: Inbound,
    secretObj: Secret | undefined,
    device?: DeviceMatch,
  ): Promise<void> {
    const lab = this.ctx.lab();
    const dict = labDictionary(lab).dictionary;
    const base = {
      protocol: 'coa' as const,
      transport: inb.transport,
      local: inb.local,
      remote: inb.remote,
      role: 'server' as const,
      device: device?.device.name,
      sessionId: `id=${msg.identifier}`,
    };
    const code = codeName(msg.code);
    const user = getString(msg, 'User-Name');
    const session = getString(msg, 'Acct-Session-Id');
    const summary = `${code} id=${msg.identifier}${user ? ` ${user}` : ''}${session ? ` session=${session}` : ''}`;
    const drop = (reason: string, diagnosis: string, extra: Partial<TraceInput> = {}): void => {
      this.ctx.metrics.radiusDropped.inc({ reason });
      this.ctx.metrics.radiusCoa.inc({ code, result: 'drop' });
      this.ctx.trace.append({
        ...base,
        direction: 'in',
        summary,
        result: 'drop',
        bytes: msg.bytes,
        dissection: () => dissect(msg.bytes, dict),
        diagnosis,
        ...extra,
      });
    };
    if (msg.code !== CODES['CoA-Request'] && msg.code !== CODES['Disconnect-Request'])
      return drop('unexpected-code', `${code} is not a CoA-Request or Disconnect-Request`);
    if (!secretObj) {
      const d = diagnoseSecret(msg.index, knownRadiusSecrets(lab));
      return drop(
        'unknown-client',
        `${device ? `device ${device.device.name} has no coaSecret` : `unknown client ${inb.remote.address}`}; ${d.text}`,
      );
    }
    const secret = secretBytes(secretObj.reveal());
    const checks = verifyRequest(msg.bytes, secret, msg.index);
    const whose = `the coaSecret of ${device ? `device ${device.device.name}` : 'RadSec'}`;
    // RFC 5176 §3.1 / RFC 3579 §3.2: a Message-Authenticator that cannot be verified (wrong value,
    // wrong length, repeated) is silently discarded, like a bad Request Authenticator.
    if (checks.messageAuthenticator === 'bad') {
      const d = checks.maFault ? '' : `; ${diagnoseSecret(msg.index, knownRadiusSecrets(lab)).text}`;
      return drop(maDropReason(checks), maProblemText(checks, whose) + d, {
        dissection: () => dissect(msg.bytes, dict, { secret, checks }),
      });
    }
    if (checks.authenticator !== 'ok') {
      const d = diagnoseSecret(msg.index, knownRadiusSecrets(lab));
      return drop('bad-authenticator', `Request Authenticator does not verify with ${whose}; ${d.text}`, {
        dissection: () => dissect(msg.bytes, dict, { secret, checks }),
      });
    }
    const causes = dict.byName('Error-Cause')?.valueNames;
    const action = decideCoa(lab.config.coa?.rules ?? [{ then: 'ack' }], msg, this.knownSession, (n) =>
      causes?.get(n),
    );
    // The request and its reply both carry the rule that decided, so either row answers "why?".
    const decision = {
      allow: action.kind === 'ack',
      reasons: [device ? `device ${device.device.name}` : 'radsec client', action.reason],
    };
    const inId = this.ctx.trace.append({
      ...base,
      direction: 'in',
      summary,
      result: action.kind === 'ack' ? 'pass' : action.kind === 'nak' ? 'fail' : 'drop',
      user,
      bytes: msg.bytes,
      dissection: () => dissect(msg.bytes, dict, { secret, checks }),
      decision,
      diagnosis: action.delayMs ? `reply delayed ${action.delayMs} ms by rule` : undefined,
    });
    this.ctx.metrics.radiusCoa.inc({ code, result: action.kind });
    if (action.kind === 'drop') return;
    const isCoa = msg.code === CODES['CoA-Request'];
    const replyCode =
      action.kind === 'ack'
        ? isCoa
          ? CODES['CoA-ACK']
          : CODES['Disconnect-ACK']
        : isCoa
          ? CODES['CoA-NAK']
          : CODES['Disconnect-NAK'];
    const pairs: AttrInput[] = [];
    if (action.kind === 'nak' && action.errorCause !== undefined)
      pairs.push({ name: 'Error-Cause', value: action.errorCause });
    if (action.replyMessage) pairs.push({ name: 'Reply-Message', value: action.replyMessage });
    pairs.push(...getAll(msg, 'Proxy-State').map((a) => ({ name: 'Proxy-State', value: a.raw })));
    const { attrs } = encodeReply(pairs, dict, secret, msg.authenticator);
    const reply = signResponse(replyCode, msg.identifier, attrs, secret, msg.authenticator);
    const send = (): void => {
      inb.send(reply);
      this.ctx.trace.append({
        ...base,
        direction: 'out',
        summary: `${codeName(replyCode)} id=${msg.identifier}${action.errorCause ? ` Error-Cause=${action.errorCause}` : ''}`,
        result: action.kind === 'ack' ? 'pass' : 'fail',
        bytes: reply,
        dissection: () =>
          dissect(reply, dict, {
            secret,
            requestAuthenticator: msg.authenticator,
            checks: { authenticator: 'ok', messageAuthenticator: 'ok' },
          }),
        decision,
        replyTo: inId,
      });
    };
    if (action.delayMs <= 0) return send();
    const t = setTimeout(() => {
      this.#timers.delete(t);
      send();
    }, action.delayMs);
    this.#timers.add(t);
  }
}
