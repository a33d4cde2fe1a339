import tls from 'node:tls';
import { constants } from 'node:crypto';
import {
  decodeTlsTypeData,
  encodeTlsTypeData,
  fragment,
  TlsFrameError,
  type TlsTypeData,
} from '../../radius/eap/tls-tunnel/fragments';
import { exportKeys, exportWithoutContext, type TunnelMethod } from '../../radius/eap/tls-tunnel/keys';
import { Reassembler } from '../../radius/eap/tls-tunnel/reassembler';
import { TlsEngine } from '../../radius/eap/tls-tunnel/tls-engine';
import { EapClientError, type PeerMethod, type PeerReply } from './peer-method';

/** The supplicant's TLS material: the server certificate is checked against `ca` and `serverName`. */
export interface PeerTls {
  ca?: Buffer;
  serverName?: string;
  cert?: Buffer;
  key?: Buffer;
  minVersion?: tls.SecureVersion;
  maxVersion?: tls.SecureVersion;
  /** Largest TLS payload per EAP-Response (L/M/S fragmentation, RFC 5216 §2.1.5). Default 1020. */
  fragmentSize?: number;
}

/** What runs inside the tunnel (PEAP's inner EAP, TTLS's AVPs); EAP-TLS has none. */
export interface InnerPeer {
  /** Application data to send as soon as the handshake is done (TTLS's AVPs), if any. */
  opening(exporter: (n: number, label: string) => Buffer): Buffer | undefined;
  /** The server's decrypted application data; the answer to send back, if any. */
  receive(app: Buffer): Buffer | undefined;
  notes(): string[];
}

const MAX_MESSAGE = 64 * 1024;

/**
 * EAP-TLS, PEAP and EAP-TTLS as a peer (RFC 5216 §2.1, RFC 5281 §9, [MS-PEAP] §3.2): Node's TLS
 * client over an in-memory Duplex, fragments reassembled (ACKing each) and sent (waiting for the
 * server's ACK of each), the server certificate verified before anything is sent inside the tunnel.
 */
export class TunnelPeer implements PeerMethod {
  private engine: TlsEngine | undefined;
  private readonly reassembler = new Reassembler(MAX_MESSAGE);
  private outQueue: TlsTypeData[] = [];
  private verified = false;
  private opened = false;
  private readonly seen: string[] = [];

  constructor(
    readonly type: number,
    readonly name: string,
    private readonly method: TunnelMethod,
    private readonly opts: PeerTls,
    private readonly inner?: InnerPeer,
  ) {}

  async respond(typeData: Buffer): Promise<PeerReply> {
    let f: TlsTypeData;
    try {
      f = decodeTlsTypeData(typeData);
    } catch (e) {
      throw new EapClientError(`${this.name}: ${(e as Error).message}`);
    }
    // EAP-TLS has no version; we speak PEAPv0 and TTLSv0.
    const version = 0;
    if (this.outQueue.length) {
      if (f.data.length) throw new EapClientError(`${this.name}: data where an ACK of our fragment was due`);
      return this.sendNext();
    }
    if (f.start) {
      if (this.engine) throw new EapClientError(`${this.name}: a second Start in one conversation`);
      try {
        this.engine = new TlsEngine({ client: this.clientOptions() });
      } catch (e) {
        throw new EapClientError(
          `${this.name}: our TLS settings do not load: ${(e as Error).message} (check the CA, certificate and key)`,
          'tls',
        );
      }
      await this.engine.feed(Buffer.alloc(0));
      return this.sendTls(this.engine.takeOutput(), version, 'TLS ClientHello');
    }
    if (!this.engine) throw new EapClientError(`${this.name}: TLS data before the Start flag`);
    let done;
    try {
      done = this.reassembler.add(f);
    } catch (e) {
      throw new EapClientError(`${this.name}: ${(e as TlsFrameError).message}`);
    }
    if (done.kind === 'partial')
      return {
        typeData: encodeTlsTypeData({ more: false, start: false, version, data: Buffer.alloc(0) }),
        summary: `ACK of a fragment (${done.received}/${done.expected ?? '?'} bytes)`,
      };
    await this.engine.feed(done.message);
    if (this.engine.error)
      throw new EapClientError(`${this.name}: TLS failed: ${this.engine.error.message}`, 'tls');
    if (this.engine.handshakeDone) {
      this.verify();
      if (!this.opened && this.inner) {
        this.opened = true;
        const first = this.inner.opening((n, label) => exportWithoutContext(this.engine!.socket, n, label));
        if (first) await this.engine.write(first);
      }
      for (const app of this.engine.takeAppData()) {
        const reply = this.inner?.receive(app);
        if (reply) await this.engine.write(reply);
      }
    }
    const out = this.engine.takeOutput();
    return this.sendTls(out, version, this.engine.handshakeDone ? 'TLS (tunnel)' : 'TLS handshake');
  }

  msk(): Buffer | undefined {
    if (!this.engine?.handshakeDone) return undefined;
    return exportKeys(this.engine.socket, this.method).msk;
  }

  notes(): string[] {
    return [...this.seen, ...(this.inner?.notes() ?? [])];
  }

  close(): void {
    this.engine?.close();
  }

  private clientOptions(): tls.ConnectionOptions {
    const o = this.opts;
    const sni = o.serverName && !/^[\d.:]+$/.test(o.serverName) ? o.serverName : undefined;
    return {
      ca: o.ca,
      cert: o.cert,
      key: o.key,
      servername: sni,
      minVersion: o.minVersion ?? 'TLSv1.2',
      maxVersion: o.maxVersion ?? 'TLSv1.3',
      // Our verify() decides, after the handshake, with the name asked for (not the host's).
      checkServerIdentity: () => undefined,
      // No TLS 1.2 session ticket, as wpa_supplicant asks for none in EAP (tls_disable_session_ticket=1):
      // this peer never resumes, and issuing one costs the server ~10% of a full EAP-TLS
      // authentication (OpenSSL re-parses the client certificate the ticket carries).
      secureOptions: constants.SSL_OP_NO_TICKET,
    };
  }

  /** The server certificate must chain to the CA and carry the server name (RFC 5216 §5.3). */
  private verify(): void {
    if (this.verified) return;
    this.verified = true;
    const s = this.engine!.socket;
    const cert = s.getPeerCertificate();
    const subject = cert.subject?.CN ?? '(no CN)';
    this.seen.push(`${s.getProtocol() ?? 'TLS'} ${s.getCipher().name}, server certificate CN=${subject}`);
    if (!this.opts.ca) {
      this.seen.push('server certificate NOT verified (no CA given)');
      return;
    }
    if (!s.authorized)
      throw new EapClientError(
        `untrusted server certificate CN=${subject}: ${String(s.authorizationError)} (not signed by the given CA)`,
        'untrusted-certificate',
      );
    if (this.opts.serverName) {
      const e = tls.checkServerIdentity(this.opts.serverName, cert);
      if (e) throw new EapClientError(`untrusted server certificate: ${e.message}`, 'untrusted-certificate');
    }
    this.seen.push(
      `server certificate trusted (CA${this.opts.serverName ? `, name ${this.opts.serverName}` : ''})`,
    );
  }

  private sendTls(message: Buffer, version: number, what: string): PeerReply {
    if (message.length === 0)
      return {
        typeData: encodeTlsTypeData({ more: false, start: false, version, data: message }),
        summary: `${this.name} ACK`,
      };
    this.outQueue = fragment(message, this.opts.fragmentSize ?? 1020, version);
    const n = this.outQueue.length;
    const r = this.sendNext();
    return { ...r, summary: `${what}, ${message.length} bytes${n > 1 ? ` in ${n} fragments` : ''}` };
  }

  private sendNext(): PeerReply {
    const f = this.outQueue.shift()!;
    return {
      typeData: encodeTlsTypeData(f),
      summary: `${this.name} fragment (${f.data.length} bytes${f.more ? ', more' : ''})`,
    };
  }
}
