import {
  AuthenAction,
  AuthenService,
  AuthenStatus,
  AuthenType,
  MINOR_DEFAULT,
  nameOf,
} from '../tacacs/codec/constants';
import type { Body } from '../tacacs/codec/packet';
import { TacacsClient, resultFrom } from '../tacacs/client/client';
import { captureExchange } from '../test-client/exchange';
import { splitPair } from '../test-client/assertions';
import { runTacacs, tlsMaterial, type TacacsRequestInput } from '../test-client/tacacs-request';
import { NO_REPLY, type TacacsResultDto } from '../../contract/test-client';
import { seconds, targetOf, type Exchange, type RunContext } from './context';
import type { TacacsAccountStep, TacacsAuthenticateStep, TacacsAuthorizeStep } from './suite-schema';

type TacacsStep = TacacsAuthenticateStep | TacacsAuthorizeStep | TacacsAccountStep;

/** The Test client's TACACS+ request for a step against its target. */
export function tacacsRequest(ctx: RunContext, s: TacacsStep): TacacsRequestInput {
  const t = targetOf(ctx, s.target);
  const args = 'args' in s ? [...s.args, ...(s.command ? [s.command] : [])] : [];
  return {
    op:
      s.type === 'tacacs-authenticate'
        ? 'authenticate'
        : s.type === 'tacacs-authorize'
          ? 'authorize'
          : 'account',
    host: t.host,
    port: t.ports.tacacs,
    secret: s.secret ?? t.tacacsSecret,
    tls: t.tls,
    user: s.user,
    password: s.password,
    type: s.type === 'tacacs-authenticate' ? s.method : 'pap',
    service: s.type === 'tacacs-authenticate' ? s.service : 'login',
    privLvl: s.privLvl ?? (s.type === 'tacacs-authenticate' && s.service === 'enable' ? 15 : 1),
    remAddr: s.remAddr,
    portName: s.port,
    args,
    acctFlags: s.type === 'tacacs-account' ? s.flags : 'start',
    singleConnect: false,
    timeoutMs: seconds(s.timeout, 5),
  };
}

export function tacacsExchange(r: TacacsResultDto): Exchange {
  return {
    outcome: {
      status: r.status === NO_REPLY ? undefined : r.status,
      pass: r.pass,
      serverMsg: r.serverMsg,
      attributes: r.avPairs.flatMap((p) => {
        const kv = splitPair(p);
        return kv ? [kv] : [];
      }),
      latencyMs: r.durationMs,
    },
    traceIds: r.exchange.flatMap((e) => (e.traceId === undefined ? [] : [e.traceId])),
    error: r.error,
  };
}

export async function runTacacsStep(ctx: RunContext, s: TacacsStep): Promise<Exchange> {
  if (s.type === 'tacacs-authenticate' && s.dialog?.length) return runDialog(ctx, s);
  return tacacsExchange(await runTacacs(tacacsRequest(ctx, s), ctx.trace));
}

/**
 * RFC 8907 §5.4.2 ASCII login, prompt by prompt: each server prompt must be the one the dialog
 * expects (else the session stops there and the step fails on its status); the START carries the
 * user unless the dialog begins with GETUSER.
 */
async function runDialog(ctx: RunContext, s: TacacsAuthenticateStep): Promise<Exchange> {
  const req = tacacsRequest(ctx, s);
  const { sink, entries } = captureExchange(ctx.trace);
  const dialog = [...(s.dialog ?? [])];
  const client = new TacacsClient({
    host: req.host,
    port: req.port,
    secret: req.tls ? undefined : req.secret,
    tls: req.tls ? tlsMaterial(req.tls) : undefined,
    timeoutMs: req.timeoutMs,
    trace: sink,
  });
  const enable = s.service === 'enable';
  const start: Body = {
    kind: 'authen-start',
    action: AuthenAction.LOGIN,
    privLvl: req.privLvl ?? 1,
    authenType: AuthenType.ASCII,
    service: enable ? AuthenService.ENABLE : AuthenService.LOGIN,
    user: dialog[0]?.expect === 'GETUSER' ? '' : s.user,
    port: s.port,
    remAddr: s.remAddr,
    data: new Uint8Array(0),
  };
  const t0 = performance.now();
  let mismatch: string | undefined;
  try {
    const run = await client.session(MINOR_DEFAULT, start, (reply) => {
      if (reply.kind !== 'authen-reply') return undefined;
      const prompt = nameOf(AuthenStatus, reply.status);
      if (!['GETUSER', 'GETPASS', 'GETDATA'].includes(prompt)) return undefined;
      const next = dialog.shift();
      if (!next || next.expect !== prompt) {
        mismatch = `the server prompted ${prompt}, the dialog expected ${next?.expect ?? 'the end'}`;
        return undefined;
      }
      return { kind: 'authen-continue', flags: 0, userMsg: next.send, data: new Uint8Array(0) };
    });
    const r = resultFrom(run.last, run);
    return {
      outcome: {
        status: r.status,
        pass: r.pass && !mismatch,
        serverMsg: r.serverMsg,
        attributes: [],
        latencyMs: r.durationMs,
      },
      traceIds: entries.flatMap((e) => (e.traceId === undefined ? [] : [e.traceId])),
      error: mismatch,
    };
  } catch (e) {
    return {
      outcome: { pass: false, serverMsg: '', attributes: [], latencyMs: performance.now() - t0 },
      traceIds: entries.flatMap((e) => (e.traceId === undefined ? [] : [e.traceId])),
      error: (e as Error).message,
    };
  } finally {
    client.close();
  }
}
