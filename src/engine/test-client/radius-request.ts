import type { z } from 'zod';
import { LabError } from '../../contract/envelope';
import {
  NO_REPLY,
  type PresetDto,
  type RadiusResultDto,
  type radiusRequestSchema,
} from '../../contract/test-client';
import type { AttrInput } from '../radius/codec/build';
import { CODES } from '../radius/codec/constants';
import { EncodeError } from '../radius/codec/errors';
import { AttrSyntaxError, parseAttributeText } from '../radius/client/attr-syntax';
import { RadiusClient, RadiusTimeoutError, type ClientResult } from '../radius/client/client';
import { PRESETS, preset, type PresetArgs } from '../radius/client/presets';
import type { RadsecClientTls } from '../radius/client/transport';
import type { Dictionary } from '../radius/dictionary/dictionary';
import type { TraceSink } from '../trace/types';
import { checkExpectation } from './assertions';
import { captureExchange } from './exchange';

export type RadiusRequestInput = z.output<typeof radiusRequestSchema>;

const POSITIVE: readonly number[] = [
  CODES['Access-Accept'],
  CODES['Accounting-Response'],
  CODES['CoA-ACK'],
  CODES['Disconnect-ACK'],
];

/**
 * One RADIUS request from the Test client: Access-Request (RFC 2865), Accounting-Request (RFC 2866),
 * CoA/Disconnect-Request (RFC 5176) or Status-Server (RFC 5997). No valid reply within the attempts
 * answers code "no-reply" with the reason (a reply that fails verification is named there).
 */
export async function runRadius(
  req: RadiusRequestInput,
  deps: { trace: TraceSink; dictionary: Dictionary; radsec?: RadsecClientTls },
): Promise<RadiusResultDto> {
  const attrs = requestAttributes(req);
  const { sink, entries } = captureExchange(deps.trace);
  const client = new RadiusClient({
    host: req.host,
    port: req.port,
    secret: req.secret,
    timeoutMs: req.timeoutMs,
    retries: req.retries,
    messageAuthenticator: req.messageAuthenticator,
    dictionary: deps.dictionary,
    radsec: deps.radsec,
    trace: sink,
  });
  let r: ClientResult | undefined;
  let error: string | undefined;
  let attempts = req.retries + 1;
  const t0 = performance.now();
  try {
    r = await send(client, req, attrs);
  } catch (e) {
    if (e instanceof EncodeError)
      throw new LabError('invalid_input', e.message, [{ path: 'attributes', message: e.message }]);
    if (!(e instanceof RadiusTimeoutError)) throw e;
    error = e.message;
    attempts = e.attempts;
  } finally {
    await client.close();
  }
  const attributes: Array<[string, string]> = (r?.message.attributes.avps ?? []).map((a) => [
    a.name,
    withCode(a),
  ]);
  const pass = r !== undefined && POSITIVE.includes(r.code) && r.mschapv2 !== 'invalid';
  const assertions = checkExpectation(req.expect, { status: r?.codeName, pass, attributes });
  if (r?.mschapv2 && r.mschapv2 !== 'valid')
    assertions.push({
      what: 'MS-CHAP2-Success authenticator response',
      ok: false,
      detail: `${r.mschapv2}: the server accepted but did not prove it knows the password`,
    });
  return {
    code: r?.codeName ?? NO_REPLY,
    codeNumber: r?.code,
    identifier: r?.message.identifier,
    pass,
    attributes,
    rttMs: r?.rttMs ?? performance.now() - t0,
    attempts: r?.exchange.attempts ?? attempts,
    mschapv2Valid: r?.mschapv2 === undefined ? undefined : r.mschapv2 === 'valid',
    error,
    exchange: entries,
    assertions,
  };
}

function send(c: RadiusClient, req: RadiusRequestInput, attrs: AttrInput[]): Promise<ClientResult> {
  switch (req.code) {
    case 'auth':
      if (!req.user) return c.request(CODES['Access-Request'], attrs);
      return c.authenticate(req.user, req.password, req.method, attrs);
    case 'acct': {
      const all = [
        ...(req.user && !has(attrs, 'User-Name') ? [{ name: 'User-Name', value: req.user }] : []),
        ...attrs,
      ];
      // An Acct-Status-Type among the attributes wins over the form's (never two in one request).
      if (has(attrs, 'Acct-Status-Type')) return c.request(CODES['Accounting-Request'], all);
      return c.accounting(req.acctStatus, all);
    }
    case 'status':
      return c.status();
    case 'coa':
    case 'disconnect': {
      const p = req.preset ? preset(req.preset) : undefined;
      // A preset names its own request code (a Disconnect recipe sends Disconnect-Request).
      const code = p?.code ?? (req.code === 'coa' ? CODES['CoA-Request'] : CODES['Disconnect-Request']);
      return c.request(code, attrs);
    }
  }
}

/** Preset attributes (CoA/Disconnect), then the user's radclient-syntax lines. */
function requestAttributes(req: RadiusRequestInput): AttrInput[] {
  const out: AttrInput[] = [];
  if (req.preset && (req.code === 'coa' || req.code === 'disconnect')) {
    const p = preset(req.preset);
    if (!p)
      throw new LabError('invalid_input', `unknown preset "${req.preset}"`, [
        { path: 'preset', message: `one of ${PRESETS.map((x) => x.name).join(', ')}` },
      ]);
    const args = Object.fromEntries(Object.entries(req.presetArgs).filter(([, v]) => v)) as PresetArgs;
    out.push(...p.build(args));
  } else if ((req.code === 'coa' || req.code === 'disconnect') && req.user) {
    out.push({ name: 'User-Name', value: req.user });
  }
  try {
    out.push(...parseAttributeText(req.attributes));
  } catch (e) {
    if (e instanceof AttrSyntaxError)
      throw new LabError('invalid_input', e.message, [{ path: 'attributes', message: e.message }]);
    throw e;
  }
  return out;
}

const has = (attrs: AttrInput[], name: string): boolean =>
  attrs.some((a) => a.name.toLowerCase() === name.toLowerCase());

/** The vendor CoA recipes, with the preset arguments each one reads (found by running its builder). */
export function listPresets(): PresetDto[] {
  return PRESETS.map((p) => {
    const used = new Set<string>();
    p.build(
      new Proxy({} as PresetArgs, {
        get(_t, key) {
          if (typeof key === 'string') used.add(key);
          return undefined;
        },
      }),
    );
    return {
      name: p.name,
      description: p.description,
      code: p.code === CODES['Disconnect-Request'] ? 'disconnect' : 'coa',
      args: [...used],
    };
  });
}

/**
 * A value as shown and as expectations match it: a named number carries its code too
 * ("Invalid-Attribute-Value (407)"), so "Error-Cause=407" and "Error-Cause=Invalid-Attribute-Value"
 * both hold against it.
 */
function withCode(a: { display: string; value: unknown; tag?: number }): string {
  const named = typeof a.value === 'number' && a.display !== String(a.value) && !/^\d{4}-/.test(a.display);
  const text = named ? `${a.display} (${a.value as number})` : a.display;
  return a.tag ? `${text}:${a.tag}` : text;
}
