import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { LabError } from '../../contract/envelope';
import { NO_REPLY, type TacacsResultDto, type tacacsRequestSchema } from '../../contract/test-client';
import { TacacsClient, type ClientResult } from '../tacacs/client/client';
import { account, authenticate, authorize, commandArgs } from '../tacacs/client/client-ops';
import type { TraceSink } from '../trace/types';
import { checkExpectation, splitPair } from './assertions';
import { captureExchange } from './exchange';

export type TacacsRequestInput = z.output<typeof tacacsRequestSchema>;

/**
 * One TACACS+ session from the Test client (RFC 8907 §5 authentication, §6 authorization, §7
 * accounting). A request that gets no decodable reply answers status "no-reply" with the reason,
 * rather than failing the call, so "expect no reply" can be asserted and the sent packet is shown.
 */
export async function runTacacs(req: TacacsRequestInput, trace: TraceSink): Promise<TacacsResultDto> {
  if (!req.tls && !req.secret)
    throw new LabError('invalid_input', 'a shared secret is required (or use TLS)', [
      { path: 'secret', message: 'required without TLS' },
    ]);
  const { sink, entries } = captureExchange(trace);
  const client = new TacacsClient({
    host: req.host,
    port: req.port,
    secret: req.tls ? undefined : req.secret,
    tls: req.tls ? tlsMaterial(req.tls) : undefined,
    timeoutMs: req.timeoutMs,
    singleConnect: req.singleConnect,
    trace: sink,
  });
  const t0 = performance.now();
  let r: ClientResult | undefined;
  let error: string | undefined;
  try {
    r = await send(client, req);
  } catch (e) {
    error = (e as Error).message;
  } finally {
    client.close();
  }
  const avPairs = r?.avPairs ?? [];
  const assertions = checkExpectation(req.expect, {
    status: r?.status,
    pass: r?.pass ?? false,
    attributes: avPairs.flatMap((p) => {
      const kv = splitPair(p);
      return kv ? [kv] : [];
    }),
  });
  if (r?.serverAuthenticated === false)
    assertions.push({
      what: 'MS-CHAPv2 authenticator response',
      ok: false,
      detail: 'the server passed the user but its response does not prove it knows the password',
    });
  return {
    status: r?.status ?? NO_REPLY,
    pass: r?.pass ?? false,
    serverMsg: r?.serverMsg ?? '',
    data: r?.data ?? '',
    avPairs,
    durationMs: r?.durationMs ?? performance.now() - t0,
    serverAuthenticated: r?.serverAuthenticated,
    error,
    exchange: entries,
    assertions,
  };
}

function send(client: TacacsClient, req: TacacsRequestInput): Promise<ClientResult> {
  const common = { user: req.user, privLvl: req.privLvl, remAddr: req.remAddr, port: req.portName };
  if (req.op === 'authenticate')
    return authenticate(client, {
      ...common,
      type: req.type,
      password: req.password ?? '',
      service: req.service,
    });
  if (req.op === 'authorize') return authorize(client, { ...common, args: avPairs(req.args) });
  return account(client, { ...common, flags: req.acctFlags, args: acctPairs(req) });
}

/** Lines that are AV pairs stay as they are; a command line becomes cmd/cmd-arg pairs as IOS sends them. */
export function avPairs(lines: readonly string[]): string[] {
  const args: string[] = [];
  for (const raw of lines) {
    const v = raw.trim();
    if (!v) continue;
    if (/^[\w-]+[=*]/.test(v)) args.push(v);
    else args.push(...commandArgs(v).filter((a) => a !== 'service=shell'));
  }
  if (!args.some((a) => /^service[=*]/.test(a))) args.unshift('service=shell');
  return args;
}

/** RFC 8907 §8.3: accounting records carry task_id, and start_time/stop_time for start/stop. */
function acctPairs(req: TacacsRequestInput): string[] {
  const args = avPairs(req.args);
  const now = String(Math.floor(Date.now() / 1000));
  if (!args.some((a) => a.startsWith('task_id'))) args.unshift(`task_id=${Date.now() % 100000}`);
  if (req.acctFlags === 'start' && !args.some((a) => a.startsWith('start_time')))
    args.push(`start_time=${now}`);
  if (req.acctFlags === 'stop' && !args.some((a) => a.startsWith('stop_time'))) args.push(`stop_time=${now}`);
  return args;
}

export function tlsMaterial(tls: NonNullable<TacacsRequestInput['tls']>) {
  const read = (path: string | undefined, field: string): Buffer | undefined => {
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (e) {
      throw new LabError('invalid_input', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code}`, [
        { path: `tls.${field}`, message: `cannot read ${path}` },
      ]);
    }
  };
  return {
    ca: read(tls.ca, 'ca'),
    cert: read(tls.cert, 'cert'),
    key: read(tls.key, 'key'),
    servername: tls.servername || undefined,
  };
}
