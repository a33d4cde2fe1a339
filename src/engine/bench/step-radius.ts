import { readFileSync } from 'node:fs';
import { NO_REPLY, type RadiusResultDto } from '../../contract/test-client';
import type { RadsecClientTls } from '../radius/client/transport';
import { runRadius, type RadiusRequestInput } from '../test-client/radius-request';
import { seconds, targetOf, type Exchange, type RunContext } from './context';
import type { RadiusStep } from './suite-schema';

type Attributes = RadiusStep['attributes'];

/** Attributes as radclient text: a map becomes `Name = "value"` lines (a list repeats the name). */
export function attributeText(a: Attributes): string {
  if (a === undefined) return '';
  if (typeof a === 'string') return a;
  const q = (v: string | number) => (typeof v === 'number' ? String(v) : JSON.stringify(v));
  return Object.entries(a)
    .flatMap(([name, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${name} = ${q(x)}`))
    .join('\n');
}

const CODE = {
  'radius-auth': 'auth',
  'radius-acct': 'acct',
  'radius-coa': 'coa',
  'radius-disconnect': 'disconnect',
  'radius-status': 'status',
} as const;

export interface RadiusCall {
  code: 'auth' | 'acct' | 'coa' | 'disconnect' | 'status';
  target?: string;
  secret?: string;
  user?: string;
  password?: string;
  method?: 'pap' | 'chap' | 'mschapv2';
  acctStatus?: string;
  attributes?: string;
  timeout?: number;
  retries?: number;
}

/** The Test client's RADIUS request: auth/status to the auth port, accounting to acct, CoA/Disconnect to the NAS port. */
export async function radiusCall(ctx: RunContext, c: RadiusCall): Promise<Exchange> {
  const t = targetOf(ctx, c.target);
  const dynamic = c.code === 'coa' || c.code === 'disconnect';
  const radsec = !dynamic && t.radsec ? radsecMaterial(t.radsec) : undefined;
  const port = dynamic ? t.ports.coa : c.code === 'acct' && !radsec ? t.ports.radiusAcct : t.ports.radiusAuth;
  const secret = c.secret ?? (dynamic ? t.coaSecret : t.radiusSecret) ?? (radsec ? 'radsec' : undefined);
  if (!secret) throw new Error(`no shared secret for ${t.name} (set secret on the target or the step)`);
  const req: RadiusRequestInput = {
    code: c.code,
    host: t.host,
    port,
    secret,
    method: c.method ?? 'pap',
    user: c.user ?? '',
    password: c.password ?? '',
    acctStatus: c.acctStatus ?? 'Start',
    attributes: c.attributes ?? '',
    presetArgs: {},
    messageAuthenticator: true,
    timeoutMs: seconds(c.timeout, 3),
    retries: c.retries ?? 0,
  };
  return radiusExchange(await runRadius(req, { trace: ctx.trace, dictionary: ctx.dictionary, radsec }));
}

export function runRadiusStep(ctx: RunContext, s: RadiusStep): Promise<Exchange> {
  return radiusCall(ctx, {
    code: CODE[s.type],
    target: s.target,
    secret: s.secret,
    user: s.user,
    password: s.password,
    method: s.method,
    acctStatus: s.status,
    attributes: attributeText(s.attributes),
    timeout: s.timeout,
    retries: s.retries,
  });
}

function radiusExchange(r: RadiusResultDto): Exchange {
  return {
    outcome: {
      status: r.code === NO_REPLY ? undefined : r.code,
      pass: r.pass,
      serverMsg: r.attributes
        .filter(([n]) => n === 'Reply-Message')
        .map(([, v]) => v)
        .join('\n'),
      attributes: r.attributes,
      latencyMs: r.rttMs,
    },
    traceIds: r.exchange.flatMap((e) => (e.traceId === undefined ? [] : [e.traceId])),
    error: r.error,
  };
}

function radsecMaterial(f: {
  ca?: string;
  cert?: string;
  key?: string;
  servername?: string;
}): RadsecClientTls {
  if (!f.ca || !f.cert || !f.key) throw new Error('radsec needs ca, cert and key');
  return {
    ca: readFileSync(f.ca),
    cert: readFileSync(f.cert),
    key: readFileSync(f.key),
    servername: f.servername,
  };
}
