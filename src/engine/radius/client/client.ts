import { randomBytes } from 'node:crypto';
import { chapResponse } from '../../crypto/chap';
import { generateAuthenticatorResponse, generateNtResponse } from '../../crypto/mschap';
import { Secret } from '../../secret';
import type { TraceSink } from '../../trace/types';
import { buildAttributes, type AttrInput } from '../codec/build';
import { CODES, codeName, hasComputedRequestAuthenticator } from '../codec/constants';
import { dissect, dissectIndexed } from '../codec/dissect';
import { attributeRecord, decodeMessage, getAvp, type RadiusMessage } from '../codec/message';
import { randomAuthenticator, secretBytes, signRequest, verifyResponse } from '../codec/sign';
import type { Dictionary } from '../dictionary/dictionary';
import { bundledDictionary } from '../dictionary/load';
import { openRadsec, openUdp, type ClientTransport, type RadsecClientTls } from './transport';

export interface ClientOptions {
  host: string;
  port: number;
  /** Shared secret; RadSec uses "radsec" (RFC 6614 §2.3) unless told otherwise. */
  secret?: string | Secret;
  /** Per attempt. Default 3000 ms. */
  timeoutMs?: number;
  /**
   * Retransmissions after the first attempt (same Identifier and authenticator). Default 2. Over RadSec
   * nothing is retransmitted (RFC 6614 §2.5, TLS is reliable): the client waits timeoutMs × (1 + retries).
   */
  retries?: number;
  /** RadSec (RFC 6614): RADIUS over TLS with this client certificate instead of UDP. */
  radsec?: RadsecClientTls;
  /**
   * Message-Authenticator on Access-Request, CoA and Disconnect (Status-Server always has one). Default
   * true. Accounting-Request never gets one: its Request Authenticator already covers the packet
   * (RFC 2866 §3), and peers disagree on how to compute it there (radsecproxy 1.9 rejects the RFC 5176
   * §3.1 zero-vector form FreeRADIUS uses and closes the connection).
   */
  messageAuthenticator?: boolean;
  dictionary?: Dictionary;
  trace?: TraceSink;
}

export interface ClientResult {
  code: number;
  codeName: string;
  attributes: Record<string, string | string[]>;
  message: RadiusMessage;
  rttMs: number;
  exchange: { request: Buffer; response: Buffer; attempts: number };
  /** MS-CHAPv2 only: does MS-CHAP2-Success carry the authenticator response we expect (RFC 2759 §8.7)? */
  mschapv2?: 'valid' | 'invalid' | 'missing';
}

export class RadiusTimeoutError extends Error {
  constructor(
    message: string,
    readonly attempts: number,
  ) {
    super(message);
    this.name = 'RadiusTimeoutError';
  }
}

interface Pending {
  auth: Buffer;
  resolve(m: { bytes: Buffer; at: number }): void;
  /** RadSec: the connection is gone, no reply can come (RFC 6614 §2.5: no retransmission either). */
  reject(e: Error): void;
  invalid?: string;
}

export type AuthMethod = 'pap' | 'chap' | 'mschapv2';

/**
 * A RADIUS client over UDP or RadSec (one TLS connection for every code): retransmits (UDP), reply
 * verification, Message-Authenticator on by default.
 */
export class RadiusClient {
  readonly #dict: Dictionary;
  readonly #secret: Buffer;
  #transport?: Promise<ClientTransport>;
  #closedWhy?: string;
  readonly #pending = new Map<number, Pending>();
  #nextId = randomBytes(1)[0]!;

  constructor(private readonly opts: ClientOptions) {
    this.#dict = opts.dictionary ?? bundledDictionary().dictionary;
    const secret = opts.secret ?? (opts.radsec ? 'radsec' : undefined);
    if (secret === undefined) throw new Error('a shared secret is required (RADIUS over UDP)');
    this.#secret = secretBytes(typeof secret === 'string' ? secret : secret.reveal());
  }

  /** Access-Request with PAP, CHAP (request authenticator as challenge) or MS-CHAPv2 (RFC 2548). */
  async authenticate(
    user: string,
    password: string,
    method: AuthMethod = 'pap',
    extra: AttrInput[] = [],
  ): Promise<ClientResult> {
    const authenticator = randomAuthenticator();
    const pairs: AttrInput[] = [{ name: 'User-Name', value: user }];
    let expectSuccess: string | undefined;
    if (method === 'pap') pairs.push({ name: 'User-Password', value: password });
    else if (method === 'chap') {
      const ident = randomBytes(1)[0]!;
      pairs.push({
        name: 'CHAP-Password',
        value: Buffer.concat([Buffer.of(ident), chapResponse(ident, password, authenticator)]),
      });
    } else {
      const authChallenge = randomBytes(16);
      const peerChallenge = randomBytes(16);
      const nt = generateNtResponse(authChallenge, peerChallenge, user, password);
      const ident = randomBytes(1)[0]!;
      pairs.push({ name: 'MS-CHAP-Challenge', value: authChallenge });
      pairs.push({
        name: 'MS-CHAP2-Response',
        value: Buffer.concat([Buffer.of(ident, 0), peerChallenge, Buffer.alloc(8), nt]),
      });
      expectSuccess = generateAuthenticatorResponse(password, nt, peerChallenge, authChallenge, user);
    }
    const r = await this.request(CODES['Access-Request'], [...pairs, ...extra], authenticator);
    if (expectSuccess !== undefined && r.code === CODES['Access-Accept']) {
      const s = getAvp(r.message, 'MS-CHAP2-Success')?.value;
      r.mschapv2 = !Buffer.isBuffer(s)
        ? 'missing'
        : s.subarray(1).toString('ascii') === expectSuccess
          ? 'valid'
          : 'invalid';
    }
    return r;
  }

  accounting(status: string, pairs: AttrInput[] = []): Promise<ClientResult> {
    return this.request(CODES['Accounting-Request'], [{ name: 'Acct-Status-Type', value: status }, ...pairs]);
  }

  coa(pairs: AttrInput[]): Promise<ClientResult> {
    return this.request(CODES['CoA-Request'], pairs);
  }

  disconnect(pairs: AttrInput[]): Promise<ClientResult> {
    return this.request(CODES['Disconnect-Request'], pairs);
  }

  /** RFC 5997: Status-Server always carries Message-Authenticator. */
  status(): Promise<ClientResult> {
    return this.request(CODES['Status-Server'], [], undefined, true);
  }

  /** Sends any request; resolves with the first reply that verifies, or throws RadiusTimeoutError. */
  async request(
    code: number,
    pairs: AttrInput[],
    authenticator = randomAuthenticator(),
    forceMA = false,
  ): Promise<ClientResult> {
    const sock = await this.#open();
    const id = this.#allocateId();
    const tls = sock.kind === 'tls';
    const hideAuth = hasComputedRequestAuthenticator(code) ? Buffer.alloc(16) : authenticator;
    const attrs = buildAttributes(pairs, this.#dict, { secret: this.#secret, authenticator: hideAuth });
    const bytes = signRequest(code, id, attrs, this.#secret, {
      authenticator,
      messageAuthenticator:
        forceMA || (code !== CODES['Accounting-Request'] && (this.opts.messageAuthenticator ?? true)),
    });
    const reqAuth = bytes.subarray(4, 20);
    const retries = this.opts.retries ?? 2;
    const timeout = (this.opts.timeoutMs ?? 3000) * (tls ? 1 + retries : 1);
    const attempts = tls ? 1 : 1 + retries;
    const t0 = performance.now();
    let reply: { bytes: Buffer; at: number } | undefined;
    let pending: Pending | undefined;
    const got = new Promise<{ bytes: Buffer; at: number }>((resolve, reject) => {
      pending = { auth: Buffer.from(reqAuth), resolve, reject };
      this.#pending.set(id, pending);
    });
    let n = 0;
    try {
      for (; n < attempts && !reply; n++) {
        if (this.#closedWhy) break;
        sock.send(bytes);
        this.#traceOut(sock, bytes, code, id, n > 0);
        reply = await Promise.race([
          got,
          new Promise<undefined>((r) => setTimeout(() => r(undefined), timeout).unref()),
        ]);
      }
    } finally {
      this.#pending.delete(id);
    }
    if (!reply) {
      const why = pending?.invalid
        ? `; a reply arrived but ${pending.invalid}`
        : this.#closedWhy
          ? `; ${this.#closedWhy}`
          : '';
      throw new RadiusTimeoutError(
        `no valid reply from ${this.opts.host}:${this.opts.port} to ${codeName(code)} id=${id} after ${attempts} attempt(s) of ${timeout} ms${why}`,
        attempts,
      );
    }
    const message = decodeMessage(reply.bytes, this.#dict);
    this.#traceIn(sock, reply.bytes, message, reqAuth);
    return {
      code: message.code,
      codeName: message.codeName,
      attributes: attributeRecord(message),
      message,
      rttMs: reply.at - t0,
      exchange: { request: bytes, response: reply.bytes, attempts: n },
    };
  }

  async close(): Promise<void> {
    const t = this.#transport;
    this.#transport = undefined;
    if (t) await (await t.catch(() => undefined))?.close();
  }

  #open(): Promise<ClientTransport> {
    if (!this.#transport) {
      const { host, port, radsec } = this.opts;
      this.#closedWhy = undefined;
      const onPacket = (m: Buffer) => this.#onMessage(m);
      this.#transport = radsec
        ? openRadsec(host, port, radsec, onPacket, (why) => {
            this.#closedWhy = why;
            this.#transport = undefined;
            const e = new Error(`RadSec ${host}:${port}: ${why}`);
            for (const p of this.#pending.values()) p.reject(e);
          })
        : openUdp(host, port, onPacket);
      // A failed TLS handshake must not stick: the next request tries again.
      this.#transport.catch(() => (this.#transport = undefined));
    }
    return this.#transport;
  }

  #onMessage(m: Buffer): void {
    if (m.length < 20) return;
    const p = this.#pending.get(m[1]!);
    if (!p) return;
    const v = verifyResponse(m.subarray(0, Math.min(m.length, m.readUInt16BE(2))), p.auth, this.#secret);
    if (v.authenticator !== 'ok') p.invalid = 'did not verify with this secret (Response Authenticator)';
    else if (v.messageAuthenticator === 'bad')
      p.invalid = 'did not verify with this secret (Message-Authenticator)';
    else p.resolve({ bytes: m, at: performance.now() });
  }

  #allocateId(): number {
    for (let i = 0; i < 256; i++) {
      const id = (this.#nextId + i) & 0xff;
      if (!this.#pending.has(id)) {
        this.#nextId = id + 1;
        return id;
      }
    }
    throw new Error('256 requests outstanding on one client socket');
  }

  #traceOut(sock: ClientTransport, bytes: Buffer, code: number, id: number, retransmit: boolean): void {
    const t = this.opts.trace;
    if (!t) return;
    t.append({
      protocol: sock.kind === 'tls' ? 'radsec' : protocolOf(code),
      direction: 'out',
      transport: sock.kind,
      role: 'client',
      local: sock.local(),
      remote: { address: this.opts.host, port: this.opts.port },
      sessionId: `id=${id}`,
      summary: `${codeName(code)} id=${id}${retransmit ? ' (retransmit)' : ''}`,
      bytes,
      retransmit,
      dissection: () => dissect(bytes, this.#dict, { secret: this.#secret }),
    });
  }

  #traceIn(sock: ClientTransport, bytes: Buffer, m: RadiusMessage, reqAuth: Buffer): void {
    const t = this.opts.trace;
    if (!t) return;
    const ok =
      m.code === CODES['Access-Accept'] ||
      m.code === CODES['Accounting-Response'] ||
      m.code === CODES['CoA-ACK'] ||
      m.code === CODES['Disconnect-ACK'];
    t.append({
      protocol: sock.kind === 'tls' ? 'radsec' : protocolOf(m.code),
      direction: 'in',
      transport: sock.kind,
      role: 'client',
      local: sock.local(),
      remote: { address: this.opts.host, port: this.opts.port },
      sessionId: `id=${m.identifier}`,
      summary: `${m.codeName} id=${m.identifier}`,
      result: ok ? 'pass' : 'fail',
      bytes,
      dissection: () =>
        dissectIndexed(bytes, m.index, this.#dict, {
          secret: this.#secret,
          requestAuthenticator: reqAuth,
          checks: verifyResponse(bytes, reqAuth, this.#secret, m.index),
        }),
    });
  }
}

function protocolOf(code: number): 'radius' | 'radius-acct' | 'coa' {
  if (code === 4 || code === 5) return 'radius-acct';
  if (code >= 40 && code <= 45) return 'coa';
  return 'radius';
}
