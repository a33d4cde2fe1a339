import { Buffer } from 'node:buffer';
import type { Decision } from '../../../policy/decision';
import type { FieldNode } from '../../../packet-view';
import {
  EAP_CODE,
  EAP_TYPE,
  type EapMethodContext,
  type EapMethodFactory,
  type InnerMessage,
  type MethodStep,
} from '../method';
import { mschapV2Fields, mschapV2Summary } from '../peap/mschapv2-codec';
import { MschapV2Inner } from '../peap/mschapv2-inner';
import { exportWithoutContext } from '../tls-tunnel/keys';
import { TunnelSession } from '../tls-tunnel/tunnel-session';
import { AvpError, decodeAvps, encodeAvps, type Avp } from './avp';
import { AVP, avpFields, avpName, findAvp } from './avp-names';
import { ttlsInnerAuth } from './inner-auth';

/**
 * EAP-TTLSv0 (RFC 5281): after the handshake the peer sends Diameter AVPs: PAP, CHAP, MS-CHAP or
 * MS-CHAPv2 credentials (§11.2), or an EAP-Message AVP for an inner EAP conversation (§11.1; here
 * EAP-MSCHAPv2). MS-CHAPv2 gets MS-CHAP2-Success inside the tunnel and the peer's empty answer
 * before the outer EAP-Success.
 */
export class TtlsSession extends TunnelSession {
  readonly type = EAP_TYPE.TTLS;
  readonly name = 'EAP-TTLS';
  private pending: { decision: Decision; reasons: string[]; inner: Inner } | undefined;
  private eap: { mschap: MschapV2Inner; identity: string; id: number } | undefined;
  private done = false;

  constructor(ctx: EapMethodContext) {
    super(ctx, { method: 'ttls', requestCert: false, version: 0 });
  }

  protected async established(): Promise<MethodStep | undefined> {
    return undefined;
  }

  /** The peer acknowledged our Finished without AVPs: ask for them with an empty request, unless
   * the session was resumed (the peer then skips its inner authentication). */
  protected async ready(): Promise<MethodStep> {
    if (this.tunnel!.resumed) return this.reconnect();
    return { kind: 'request', typeData: this.tunnel!.empty(), summary: 'EAP-TTLS (waiting for inner AVPs)' };
  }

  /**
   * RFC 5281 §7.3: on a resumed session the peer may skip phase 2, and wpa_supplicant always does,
   * so the server ends with EAP-Success when the session authenticated someone before (hostapd's
   * way): that user is authorized again by name, the MSK comes from the new handshake.
   */
  private async reconnect(): Promise<MethodStep> {
    this.done = true;
    const f = this.tunnel!.resumedFrom();
    if (!f)
      return this.fail(
        'the supplicant resumed a TLS session in which no inner authentication succeeded here (the lab restarted since, or the inner method failed): it must authenticate afresh',
      );
    const ago = Math.max(0, Math.round((Date.now() - f.at) / 1000));
    const d = await this.ctx.policy.authorizeIdentity(f.identity, 'resumed EAP-TTLS session');
    const reasons = [
      `fast reconnect: the resumed TLS session authenticated ${f.identity} by inner ${f.method} ${ago} s ago, inner method skipped`,
    ];
    return d.allow ? this.succeed(d, reasons, f) : this.refuse(d, reasons);
  }

  protected override async acked(): Promise<MethodStep> {
    if (!this.pending || this.done) return super.acked();
    this.done = true;
    return this.succeed(this.pending.decision, this.pending.reasons, this.pending.inner);
  }

  protected async received(app: Buffer[]): Promise<MethodStep> {
    if (this.done) return this.fail('inner data after the inner authentication ended');
    const bytes = app.length === 1 ? app[0]! : Buffer.concat(app);
    let avps;
    try {
      avps = decodeAvps(bytes);
    } catch (e) {
      if (!(e instanceof AvpError)) throw e;
      this.record('in', bytes, [], `TTLS AVPs (malformed: ${e.message})`);
      return this.fail(`malformed inner AVPs: ${e.message}`);
    }
    this.record('in', bytes, avpTree, summarize(avps));
    const eapMessage = findAvp(avps, AVP.EapMessage);
    if (eapMessage) return this.innerEap(eapMessage.data);
    const r = await ttlsInnerAuth(
      avps,
      (n) => exportWithoutContext(this.tunnel!.engine.socket, n, 'ttls challenge'),
      this.ctx.policy,
    );
    if ('error' in r) return this.fail(r.error);
    const reasons = [`inner ${r.method} for ${r.user}`];
    if (!r.decision.allow) return this.refuse(r.decision, reasons);
    const inner = { identity: r.user, method: r.method };
    if (!r.reply) {
      this.done = true;
      return this.succeed(r.decision, reasons, inner);
    }
    this.pending = { decision: r.decision, reasons, inner };
    return this.sendAvps([r.reply], 'inner MS-CHAP2-Success');
  }

  /** RFC 5281 §11.1: EAP inside TTLS, full EAP packets in EAP-Message AVPs; we offer EAP-MSCHAPv2. */
  private async innerEap(pkt: Buffer): Promise<MethodStep> {
    if (pkt.length < 5 || pkt[0] !== EAP_CODE.Response)
      return this.fail('inner EAP-Message is not an EAP-Response');
    const typeData = pkt.subarray(4);
    if (!this.eap) {
      if (typeData[0] !== EAP_TYPE.Identity)
        return this.fail(`inner EAP-Response/Identity expected, got type ${typeData[0]}`);
      const identity = typeData.subarray(1).toString('utf8');
      this.eap = { mschap: new MschapV2Inner(this.ctx.policy, identity), identity, id: pkt[1]! };
      return this.sendEap(this.eap.mschap.challenge());
    }
    if (typeData[0] === EAP_TYPE.Nak)
      return this.fail(
        'the supplicant refused EAP-MSCHAPv2 inside TTLS (NAK): set its inner method to MSCHAPV2 or use PAP/CHAP/MSCHAP AVPs',
      );
    const out = await this.eap.mschap.handle(typeData);
    if (out.kind === 'send') return this.sendEap(out.typeData);
    this.done = true;
    const reasons = [`inner EAP-MSCHAPv2 for ${this.eap.identity}`];
    const inner = { identity: this.eap.identity, method: 'EAP-MSCHAPv2' };
    return out.decision.allow
      ? this.succeed(out.decision, reasons, inner)
      : this.refuse(out.decision, reasons);
  }

  private sendEap(typeData: Buffer): Promise<MethodStep> {
    const e = this.eap!;
    e.id = (e.id + 1) & 0xff;
    const head = Buffer.alloc(4);
    head[0] = EAP_CODE.Request;
    head[1] = e.id;
    head.writeUInt16BE(4 + typeData.length, 2);
    const pkt = Buffer.concat([head, typeData]);
    return this.sendAvps(
      [{ code: AVP.EapMessage, mandatory: true, data: pkt }],
      `inner ${mschapV2Summary(typeData)}`,
    );
  }

  private sendAvps(avps: Avp[], summary: string): Promise<MethodStep> {
    const bytes = encodeAvps(avps);
    this.record('out', bytes, avpTree, summary.replace('inner ', 'TTLS inner '));
    return this.send(bytes, summary);
  }

  private record(direction: 'in' | 'out', bytes: Buffer, tree: InnerMessage['tree'], summary: string): void {
    this.ctx.inner({ direction, summary, bytes, tree });
  }

  private head(): string[] {
    return [`EAP-TTLS over ${this.tlsLine()}`, `outer identity ${this.ctx.outerIdentity || '(empty)'}`];
  }

  /** Success; `inner` (who the inner method authenticated, and how) is kept for fast reconnect. */
  private succeed(d: Decision, reasons: string[], inner: Inner): MethodStep {
    this.tunnel!.rememberSuccess(inner.identity, inner.method);
    return {
      kind: 'success',
      decision: { ...d, reasons: [...this.head(), ...reasons, ...d.reasons] },
      msk: this.tunnel!.keys().msk,
    };
  }

  private refuse(d: Decision, reasons: string[]): MethodStep {
    return {
      kind: 'failure',
      decision: { ...d, allow: false, reasons: [...this.head(), ...reasons, ...d.reasons] },
    };
  }
}

function summarize(avps: Avp[]): string {
  const eap = findAvp(avps, AVP.EapMessage);
  if (eap && eap.data.length > 4) {
    const t = eap.data.subarray(4);
    if (t[0] === EAP_TYPE.Identity)
      return `TTLS inner EAP-Response/Identity ${t.subarray(1).toString('utf8')}`;
    if (t[0] === EAP_TYPE.MSCHAPv2) return `TTLS inner ${mschapV2Summary(t)}`;
  }
  return `TTLS AVPs: ${avps.map(avpName).join(', ')}`;
}

/**
 * The field tree of inner AVP bytes, built when the trace record is first read rather than on every
 * round (one function shared by every record; the decoded cleartext is not kept meanwhile).
 */
function avpTree(bytes: Buffer): FieldNode[] {
  const avps = decodeAvps(bytes);
  return avpFields(avps).map((f, i) => withEap(f, avps[i]!));
}

/** An EAP-Message AVP's field gets the inner EAP-MSCHAPv2 fields as children. */
function withEap(f: FieldNode, a: Avp & { offset: number }): FieldNode {
  if (
    a.vendorId !== undefined ||
    a.code !== AVP.EapMessage ||
    a.data.length < 6 ||
    a.data[4] !== EAP_TYPE.MSCHAPv2
  )
    return f;
  const typeStart = a.offset + 8 + 4;
  return {
    ...f,
    value: mschapV2Summary(a.data.subarray(4)),
    children: mschapV2Fields(a.data.subarray(4), typeStart),
  };
}

interface Inner {
  identity: string;
  method: string;
}

export const ttlsMethod: EapMethodFactory = (ctx) => new TtlsSession(ctx);
