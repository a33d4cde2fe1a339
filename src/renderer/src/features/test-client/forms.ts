import type { LabStatus } from '../../../../contract/schemas';
import type { AcctSessionDto } from '../../../../contract/observability';
import type { RadiusRequest, TacacsRequest } from '../../../../contract/test-client';
import { expectation, lines, opt, str } from './form-text';

/** The forms keep text as typed; requests are built on send and validated by the engine. */
export interface TacacsForm {
  op: 'authenticate' | 'authorize' | 'account';
  host: string;
  port: string;
  secret: string;
  tls: boolean;
  tlsCa: string;
  tlsCert: string;
  tlsKey: string;
  user: string;
  password: string;
  type: 'ascii' | 'pap' | 'chap' | 'mschap' | 'mschapv2';
  service: 'login' | 'enable';
  privLvl: string;
  remAddr: string;
  portName: string;
  /** One AV pair ("cmd=show") or command line ("show version") per line. */
  args: string;
  acctFlags: 'start' | 'stop' | 'watchdog' | 'watchdog-update';
  singleConnect: boolean;
  timeoutMs: string;
  expectStatus: string;
  /** One "Name=value" per line. */
  expectAttributes: string;
}

export type RadiusCode = RadiusRequest['code'];

export interface RadiusForm {
  code: RadiusCode;
  host: string;
  port: string;
  secret: string;
  method: 'pap' | 'chap' | 'mschapv2';
  user: string;
  password: string;
  acctStatus: string;
  attributes: string;
  preset: string;
  session: string;
  mac: string;
  framedIp: string;
  service: string;
  messageAuthenticator: boolean;
  timeoutMs: string;
  retries: string;
  expectStatus: string;
  expectAttributes: string;
}

/** The lab's own listener ports, for defaults ("test this lab" is the common case). */
export interface LabPorts {
  host: string;
  tacacs?: number;
  tacacsTls?: number;
  auth?: number;
  acct?: number;
  coa?: number;
}

export function labPorts(status: LabStatus | undefined): LabPorts {
  const all = status?.services.flatMap((s) => s.listeners) ?? [];
  const port = (service: string) => all.find((l) => l.service === service)?.port;
  const first = all.find((l) => l.service !== 'web');
  const wildcard = !first || first.address === '0.0.0.0' || first.address === '::';
  return {
    host: wildcard ? '127.0.0.1' : first.address,
    tacacs: port('tacacs'),
    tacacsTls: port('tacacs-tls'),
    auth: port('radius-auth'),
    acct: port('radius-acct'),
    coa: port('coa'),
  };
}

export function radiusPortFor(code: RadiusCode, p: LabPorts): string {
  const port = code === 'acct' ? p.acct : code === 'coa' || code === 'disconnect' ? p.coa : p.auth;
  const fallback = code === 'acct' ? 1813 : code === 'coa' || code === 'disconnect' ? 3799 : 1812;
  return String(port ?? fallback);
}

export function defaultTacacsForm(p: LabPorts): TacacsForm {
  return {
    op: 'authenticate',
    host: p.host,
    port: String(p.tacacs ?? 49),
    secret: '',
    tls: false,
    tlsCa: '',
    tlsCert: '',
    tlsKey: '',
    user: '',
    password: '',
    type: 'pap',
    service: 'login',
    privLvl: '1',
    remAddr: '',
    portName: 'tty0',
    args: '',
    acctFlags: 'start',
    singleConnect: false,
    timeoutMs: '5000',
    expectStatus: '',
    expectAttributes: '',
  };
}

export function defaultRadiusForm(p: LabPorts): RadiusForm {
  return {
    code: 'auth',
    host: p.host,
    port: radiusPortFor('auth', p),
    secret: '',
    method: 'pap',
    user: '',
    password: '',
    acctStatus: 'Start',
    attributes: '',
    preset: '',
    session: '',
    mac: '',
    framedIp: '',
    service: '',
    messageAuthenticator: true,
    timeoutMs: '3000',
    retries: '0',
    expectStatus: '',
    expectAttributes: '',
  };
}

export function tacacsRequest(f: TacacsForm): TacacsRequest {
  return {
    op: f.op,
    host: f.host.trim(),
    port: Number(f.port),
    secret: f.tls ? undefined : f.secret,
    tls: f.tls ? { ca: opt(f.tlsCa), cert: opt(f.tlsCert), key: opt(f.tlsKey) } : undefined,
    user: f.user,
    password: f.op === 'authenticate' ? f.password : undefined,
    type: f.type,
    service: f.service,
    privLvl: Number(f.privLvl),
    remAddr: f.remAddr,
    portName: f.portName,
    args: f.op === 'authenticate' ? [] : lines(f.args),
    acctFlags: f.acctFlags,
    singleConnect: f.singleConnect,
    timeoutMs: Number(f.timeoutMs),
    expect: expectation(f.expectStatus, f.expectAttributes),
  };
}

export function radiusRequest(f: RadiusForm): RadiusRequest {
  const usesPreset = (f.code === 'coa' || f.code === 'disconnect') && f.preset !== '';
  return {
    code: f.code,
    host: f.host.trim(),
    port: Number(f.port),
    secret: f.secret,
    method: f.method,
    user: f.user,
    password: f.code === 'auth' ? f.password : '',
    acctStatus: f.acctStatus,
    attributes: f.attributes,
    preset: usesPreset ? f.preset : undefined,
    presetArgs: usesPreset
      ? {
          session: opt(f.session),
          mac: opt(f.mac),
          user: opt(f.user),
          framedIp: opt(f.framedIp),
          service: opt(f.service),
          role: opt(f.service),
        }
      : {},
    messageAuthenticator: f.messageAuthenticator,
    timeoutMs: Number(f.timeoutMs),
    retries: Number(f.retries),
    expect: expectation(f.expectStatus, f.expectAttributes),
  };
}

/** A saved (or loaded) request back into the form; absent secrets stay as the user typed them. */
export function tacacsFormFrom(r: Partial<TacacsRequest>, base: TacacsForm): TacacsForm {
  return {
    ...base,
    op: r.op ?? base.op,
    host: str(r.host, base.host),
    port: str(r.port, base.port),
    secret: r.secret ?? base.secret,
    tls: r.tls !== undefined,
    tlsCa: str(r.tls?.ca),
    tlsCert: str(r.tls?.cert),
    tlsKey: str(r.tls?.key),
    user: str(r.user),
    password: r.password ?? base.password,
    type: r.type ?? base.type,
    service: r.service ?? base.service,
    privLvl: str(r.privLvl, base.privLvl),
    remAddr: str(r.remAddr),
    portName: str(r.portName, base.portName),
    args: (r.args ?? []).join('\n'),
    acctFlags: r.acctFlags ?? base.acctFlags,
    singleConnect: r.singleConnect ?? false,
    timeoutMs: str(r.timeoutMs, base.timeoutMs),
    expectStatus: str(r.expect?.status),
    expectAttributes: (r.expect?.attributes ?? []).join('\n'),
  };
}

export function radiusFormFrom(r: Partial<RadiusRequest>, base: RadiusForm): RadiusForm {
  const a = r.presetArgs ?? {};
  return {
    ...base,
    code: r.code ?? base.code,
    host: str(r.host, base.host),
    port: str(r.port, base.port),
    secret: r.secret ?? base.secret,
    method: r.method ?? base.method,
    user: str(r.user ?? a.user),
    password: r.password ?? base.password,
    acctStatus: str(r.acctStatus, base.acctStatus),
    attributes: str(r.attributes),
    preset: str(r.preset),
    session: str(a.session),
    mac: str(a.mac),
    framedIp: str(a.framedIp),
    service: str(a.service ?? a.role),
    messageAuthenticator: r.messageAuthenticator ?? true,
    timeoutMs: str(r.timeoutMs, base.timeoutMs),
    retries: str(r.retries, base.retries),
    expectStatus: str(r.expect?.status),
    expectAttributes: (r.expect?.attributes ?? []).join('\n'),
  };
}

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * A CoA or Disconnect for a RADIUS accounting session (RFC 5176 §3: the NAS identifies the session by
 * User-Name, Acct-Session-Id, Framed-IP-Address…). The request goes to the session's NAS; a NAS on
 * this machine is assumed to be the lab's own CoA responder.
 */
export function sessionRequest(
  s: AcctSessionDto,
  action: 'coa' | 'disconnect',
  p: LabPorts,
  base: RadiusForm,
): RadiusForm {
  const local = s.nasAddress === '127.0.0.1' || s.nasAddress === '::1';
  const framedIp = first(s.attributes['Framed-IP-Address']) ?? '';
  return {
    ...base,
    code: action,
    host: s.nasAddress,
    port: local && p.coa ? String(p.coa) : '3799',
    preset: action === 'coa' ? 'generic-coa' : 'generic-disconnect',
    user: s.username ?? first(s.attributes['User-Name']) ?? '',
    session: s.sessionId,
    mac: first(s.attributes['Calling-Station-Id']) ?? '',
    framedIp,
    attributes: '',
    password: '',
  };
}
