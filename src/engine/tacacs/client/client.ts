import { randomBytes, randomInt } from 'node:crypto';
import type { FieldNode } from '../../packet-view';
import type { TraceSink } from '../../trace/types';
import { ClientConnection, type ClientTransportOptions } from './client-connection';
import { AcctStatus, AuthenStatus, AuthorStatus, Flags, nameOf } from '../codec/constants';
import { dissect } from '../codec/dissect';
import { decodePacket, encodePacket, sessionHex, type Body } from '../codec/packet';
import { summarize } from '../codec/summary';
import { DecodeError } from '../codec/reader';

/**
 * A reply that does not decode is, in practice, almost always a key mismatch (RFC 8907 §4.5: the pad
 * is keyed by the secret): say that, not the byte offset where the garbage happened to fail.
 */
export const REPLY_UNDECODABLE = 'reply did not decode with this secret';

export interface ClientOptions extends Omit<ClientTransportOptions, 'timeoutMs'> {
  /** Shared secret; absent for TLS (RFC 9887: no obfuscation) or an unencrypted test. */
  secret?: string;
  timeoutMs?: number;
  /** Keep one connection for every request (RFC 8907 §4.3 single-connect). */
  singleConnect?: boolean;
  /** Records the client's packets (role 'client') in a trace. */
  trace?: TraceSink;
}

export interface ExchangeEntry {
  direction: 'out' | 'in';
  bytes: Buffer;
  summary: string;
  dissection: FieldNode[];
}

export interface ClientResult {
  /** RFC spelling of the final status: PASS, FAIL, ERROR, PASS_ADD, PASS_REPL, SUCCESS, … */
  status: string;
  /** True for PASS, PASS_ADD, PASS_REPL and SUCCESS. */
  pass: boolean;
  serverMsg: string;
  /** Reply data as text (MS-CHAPv2: the authenticator response "S=…"). */
  data: string;
  avPairs: string[];
  exchange: ExchangeEntry[];
  durationMs: number;
  /** MS-CHAPv2: whether the server's authenticator response proved it knows the password. */
  serverAuthenticated?: boolean;
}

export interface HeaderFields {
  minor: number;
  sessionId: number;
}

/** Shared plumbing for the operations in client-ops.ts: one session = one or more round trips. */
export class TacacsClient {
  #conn?: Promise<ClientConnection>;
  readonly timeoutMs: number;

  constructor(readonly opts: ClientOptions) {
    this.timeoutMs = opts.timeoutMs ?? 5000;
  }

  /** RFC 9887: inside TLS the body is never obfuscated. */
  get #key(): string | undefined {
    return this.opts.tls ? undefined : this.opts.secret;
  }

  /** Concurrent sessions share one pending connect (single-connect multiplexing). */
  async #connection(): Promise<ClientConnection> {
    if (this.#conn) {
      const c = await this.#conn.catch(() => undefined);
      if (c && !c.closed) return c;
    }
    this.#conn = ClientConnection.open({ ...this.opts, timeoutMs: this.timeoutMs });
    return this.#conn;
  }

  /** Runs one session: `next` gets each reply and returns the next packet body or undefined to stop. */
  async session(
    minor: number,
    first: Body,
    next: (reply: Body) => Body | undefined,
  ): Promise<{ last: Body; exchange: ExchangeEntry[]; durationMs: number }> {
    const t0 = performance.now();
    // Without single-connect every session has its own connection (RFC 8907 §4.3).
    const conn = this.opts.singleConnect
      ? await this.#connection()
      : await ClientConnection.open({ ...this.opts, timeoutMs: this.timeoutMs });
    const sessionId = randomInt(1, 0xffffffff);
    const exchange: ExchangeEntry[] = [];
    let seqNo = 1;
    let body: Body | undefined = first;
    let last: Body = first;
    try {
      while (body) {
        const flags =
          (this.opts.singleConnect ? Flags.SINGLE_CONNECT : 0) |
          (this.#key === undefined ? Flags.UNENCRYPTED : 0);
        const out = encodePacket({ major: 0xc, minor, seqNo, flags, sessionId }, body, this.#key);
        this.#record(exchange, 'out', out, conn, sessionId);
        const reply = await conn.request(out, sessionId, this.timeoutMs);
        this.#record(exchange, 'in', reply, conn, sessionId);
        const p = decodeReply(reply, this.#key);
        if (p.header.seqNo !== seqNo + 1)
          throw new Error(`server replied with seq_no ${p.header.seqNo}, expected ${seqNo + 1}`);
        last = p.body;
        seqNo += 2;
        body = seqNo > 255 ? undefined : next(p.body);
      }
    } finally {
      if (!this.opts.singleConnect) conn.close();
    }
    return { last, exchange, durationMs: performance.now() - t0 };
  }

  close(): void {
    void this.#conn?.then((c) => c.close()).catch(() => {});
    this.#conn = undefined;
  }

  #record(
    exchange: ExchangeEntry[],
    direction: 'out' | 'in',
    bytes: Buffer,
    conn: ClientConnection,
    sessionId: number,
  ): void {
    const d = dissect(bytes, this.#key);
    const summary = d.packet
      ? summarize(d.packet.body)
      : this.#key !== undefined && !((bytes[3] ?? 0) & Flags.UNENCRYPTED)
        ? REPLY_UNDECODABLE
        : (d.error?.message ?? 'undecodable');
    exchange.push({ direction, bytes, summary, dissection: d.nodes });
    const s = conn.socket;
    this.opts.trace?.append({
      protocol: 'tacacs',
      direction,
      transport: this.opts.tls ? 'tls' : 'tcp',
      local: { address: s.localAddress ?? '', port: s.localPort ?? 0 },
      remote: { address: s.remoteAddress ?? this.opts.host, port: s.remotePort ?? this.opts.port },
      role: 'client',
      sessionId: sessionHex(sessionId),
      summary,
      bytes,
      dissection: d.nodes,
      diagnosis: d.error?.message,
    });
  }
}

export function resultFrom(last: Body, run: { exchange: ExchangeEntry[]; durationMs: number }): ClientResult {
  const base = {
    exchange: run.exchange,
    durationMs: run.durationMs,
    data: '',
    avPairs: [] as string[],
    serverMsg: '',
  };
  switch (last.kind) {
    case 'authen-reply':
      return {
        ...base,
        status: nameOf(AuthenStatus, last.status),
        pass: last.status === AuthenStatus.PASS,
        serverMsg: last.serverMsg,
        data: Buffer.from(last.data).toString('utf8'),
      };
    case 'author-response':
      return {
        ...base,
        status: nameOf(AuthorStatus, last.status),
        pass: last.status === AuthorStatus.PASS_ADD || last.status === AuthorStatus.PASS_REPL,
        serverMsg: last.serverMsg,
        data: Buffer.from(last.data).toString('utf8'),
        avPairs: last.args,
      };
    case 'acct-reply':
      return {
        ...base,
        status: nameOf(AcctStatus, last.status),
        pass: last.status === AcctStatus.SUCCESS,
        serverMsg: last.serverMsg,
        data: Buffer.from(last.data).toString('utf8'),
      };
    default:
      return { ...base, status: 'ERROR', pass: false, serverMsg: 'no reply' };
  }
}

export const randomChallenge = (n: number): Buffer => randomBytes(n);

function decodeReply(reply: Buffer, key: string | undefined): ReturnType<typeof decodePacket> {
  try {
    return decodePacket(reply, key);
  } catch (e) {
    if (!(e instanceof DecodeError) || key === undefined || (reply[3] ?? 0) & Flags.UNENCRYPTED) throw e;
    throw new Error(`${REPLY_UNDECODABLE} (the server's shared secret for this client differs)`);
  }
}
