import { Buffer } from 'node:buffer';
import { deny, type Decision } from '../../../policy/decision';
import { EAP_CODE, EAP_TYPE, type EapMethodContext, type EapMethodFactory, type MethodStep } from '../method';
import type { ReconnectEntry } from '../tls-tunnel/fast-reconnect';
import { TunnelSession } from '../tls-tunnel/tunnel-session';
import { peapInnerView } from './inner-tree';
import { MschapV2Inner } from './mschapv2-inner';
import { decodeTlvs, RESULT, resultOf, resultTlv } from './tlv';

/**
 * PEAPv0 with EAP-MSCHAPv2 inside, as Windows, macOS, iOS and Android do it ([MS-PEAP]): inner EAP
 * with the header compressed (Type first) for Identity and MS-CHAPv2, full EAP packets for the
 * EAP-TLV Result exchange that ends the tunnel; EAP-Success outside only after the peer confirms.
 */
type Phase = 'identity' | 'mschapv2' | 'result' | 'done';

export class PeapSession extends TunnelSession {
  readonly type = EAP_TYPE.PEAP;
  readonly name = 'PEAP';
  private phase: Phase = 'identity';
  private innerIdentity = '';
  private mschap: MschapV2Inner | undefined;
  private innerDecision: Decision | undefined;
  private innerId = 0;
  /** Set when the handshake resumed a session whose inner authentication succeeded. */
  private fast: ReconnectEntry | undefined;

  constructor(ctx: EapMethodContext) {
    super(ctx, { method: 'peap', requestCert: false, version: 0 });
  }

  protected async established(): Promise<MethodStep | undefined> {
    this.fast = this.tunnel!.resumedFrom();
    return undefined;
  }

  protected async ready(): Promise<MethodStep> {
    if (this.fast) return this.reconnect(this.fast);
    return this.sendInner(Buffer.of(EAP_TYPE.Identity), false);
  }

  /**
   * Fast reconnect ([MS-PEAP] §3.1.5.8, as hostapd and Windows do it): the session was resumed and
   * its inner EAP-MSCHAPv2 succeeded before, so straight to the Result TLV; the user is authorized
   * again by name (a user since removed or disabled gets Failure) and the MSK is the new handshake's.
   */
  private async reconnect(f: ReconnectEntry): Promise<MethodStep> {
    this.innerIdentity = f.identity;
    const ago = Math.max(0, Math.round((Date.now() - f.at) / 1000));
    const d = await this.ctx.policy.authorizeIdentity(f.identity, 'resumed PEAP session');
    this.innerDecision = {
      ...d,
      reasons: [
        `fast reconnect: the resumed TLS session authenticated ${f.identity} by ${f.method} ${ago} s ago, inner method skipped`,
        ...d.reasons,
      ],
    };
    this.phase = 'result';
    return this.sendInner(this.tlvPacket(d.allow ? RESULT.Success : RESULT.Failure), true);
  }

  protected async received(app: Buffer[]): Promise<MethodStep> {
    const bytes = app.length === 1 ? app[0]! : Buffer.concat(app);
    const full = isFullResponse(bytes);
    const view = peapInnerView(bytes, full, 'in');
    this.ctx.inner({ direction: 'in', summary: view.summary, bytes, tree: view.tree });
    const typeData = full ? bytes.subarray(4) : bytes;
    switch (this.phase) {
      case 'identity': {
        if (typeData[0] === EAP_TYPE.Nak)
          return this.fail(
            `the supplicant refused EAP-MSCHAPv2 inside PEAP (NAK, it wants type ${[...typeData.subarray(1)].join(', ') || 'none'}): set its inner method to MSCHAPv2`,
          );
        if (typeData[0] !== EAP_TYPE.Identity)
          return this.fail(`inner Identity expected, got type ${typeData[0]}`);
        this.innerIdentity = typeData.subarray(1).toString('utf8');
        this.mschap = new MschapV2Inner(this.ctx.policy, this.innerIdentity);
        this.phase = 'mschapv2';
        return this.sendInner(this.mschap.challenge(), false);
      }
      case 'mschapv2': {
        if (typeData[0] === EAP_TYPE.Nak)
          return this.fail(
            'the supplicant refused EAP-MSCHAPv2 inside PEAP (NAK): set its inner method to MSCHAPv2',
          );
        const out = await this.mschap!.handle(typeData);
        if (out.kind === 'send') return this.sendInner(out.typeData, false);
        this.innerDecision = out.decision;
        this.phase = 'result';
        const status = out.decision.allow ? RESULT.Success : RESULT.Failure;
        return this.sendInner(this.tlvPacket(status), true);
      }
      case 'result': {
        if (!full || typeData[0] !== EAP_TYPE.Extensions)
          return this.fail('the supplicant did not answer the Result TLV with an EAP-TLV response');
        this.phase = 'done';
        return this.finish(resultOf(safeTlvs(typeData.subarray(1))));
      }
      case 'done':
        return this.fail('inner message after the Result TLV');
    }
  }

  private finish(peerResult: number | undefined): MethodStep {
    const d = this.innerDecision!;
    const reasons = [
      `PEAP over ${this.tlsLine()}`,
      `outer identity ${this.ctx.outerIdentity || '(empty)'}`,
      // A fast reconnect's own reason (first of d.reasons) says what was skipped and for whom.
      ...(this.fast ? [] : [`inner EAP-MSCHAPv2 for ${this.innerIdentity}`]),
      ...d.reasons,
    ];
    if (!d.allow) return { kind: 'failure', decision: { ...d, reasons } };
    if (peerResult !== RESULT.Success)
      return {
        kind: 'failure',
        decision: deny([
          ...reasons,
          `the supplicant answered the Result TLV with ${peerResult === RESULT.Failure ? 'Failure' : 'no result'} (it did not accept our MS-CHAPv2 success: check its server-certificate and inner settings)`,
        ]),
      };
    this.tunnel!.rememberSuccess(this.innerIdentity, 'EAP-MSCHAPv2');
    return { kind: 'success', decision: { ...d, reasons }, msk: this.tunnel!.keys().msk };
  }

  private tlvPacket(status: number): Buffer {
    const tlvs = resultTlv(status);
    const head = Buffer.alloc(5);
    head[0] = EAP_CODE.Request;
    head[1] = ++this.innerId & 0xff;
    head.writeUInt16BE(5 + tlvs.length, 2);
    head[4] = EAP_TYPE.Extensions;
    return Buffer.concat([head, tlvs]);
  }

  private sendInner(bytes: Buffer, full: boolean): Promise<MethodStep> {
    const view = peapInnerView(bytes, full, 'out');
    this.ctx.inner({ direction: 'out', summary: view.summary, bytes, tree: view.tree });
    return this.send(bytes, view.summary.startsWith('inner') ? view.summary : `inner ${view.summary}`);
  }
}

/** PEAPv0 peers send EAP-TLV with its full EAP header and everything else Type first ([MS-PEAP]
 * §3.1.5.6); a few send every inner packet whole, which its Code and Length give away. */
function isFullResponse(b: Buffer): boolean {
  return b.length >= 5 && b[0] === EAP_CODE.Response && b.readUInt16BE(2) === b.length;
}

function safeTlvs(b: Buffer) {
  try {
    return decodeTlvs(b);
  } catch {
    return [];
  }
}

export const peapMethod: EapMethodFactory = (ctx) => new PeapSession(ctx);
