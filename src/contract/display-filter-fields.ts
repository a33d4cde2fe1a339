import type { TraceRow } from './trace';
import { DisplayFilterError } from './display-filter-lexer';
import type { FieldRef } from './display-filter-parser';

export type FieldKind = 'text' | 'enum' | 'session' | 'number' | 'latency' | 'time' | 'flag' | 'protocol';

export interface RowField {
  kind: FieldKind;
  get(row: TraceRow): string | number | boolean | undefined;
  /** Allowed values of an enum field. */
  values?: readonly string[];
  help: string;
}

const remote = (r: TraceRow) => r.remote.address;

/** The fields every trace row carries (see traceRowSchema), by the names a filter uses. */
export const ROW_FIELDS: Record<string, RowField> = {
  user: { kind: 'text', get: (r) => r.user, help: 'user name' },
  device: { kind: 'text', get: (r) => r.device, help: 'device name from the lab' },
  summary: { kind: 'text', get: (r) => r.summary, help: 'the Summary column' },
  diagnosis: { kind: 'text', get: (r) => r.diagnosis, help: 'wrong-secret and other diagnoses' },
  addr: { kind: 'text', get: remote, help: "the peer's address (the NAS or the server)" },
  result: {
    kind: 'enum',
    get: (r) => r.result,
    values: ['pass', 'fail', 'error', 'drop', 'info'],
    help: 'pass, fail, error, drop or info',
  },
  protocol: {
    kind: 'enum',
    get: (r) => r.protocol,
    values: ['tacacs', 'radius', 'radius-acct', 'coa', 'radsec'],
    help: 'tacacs, radius, radius-acct, coa or radsec',
  },
  role: {
    kind: 'enum',
    get: (r) => r.role,
    values: ['server', 'client'],
    help: 'server or client (test client)',
  },
  dir: { kind: 'enum', get: (r) => r.direction, values: ['in', 'out'], help: 'in or out' },
  session: { kind: 'session', get: (r) => r.sessionId, help: 'session id (0x5fa28bb9, decimal, or text)' },
  id: { kind: 'number', get: (r) => r.id, help: 'the No. column' },
  length: { kind: 'number', get: (r) => r.length, help: 'bytes' },
  port: { kind: 'number', get: (r) => r.remote.port, help: "the peer's port" },
  latency: { kind: 'latency', get: (r) => r.latencyUs, help: 'reply latency: 5ms, 250us, 1s (ms when bare)' },
  time: { kind: 'time', get: (r) => r.timeUs, help: 'HH:MM[:SS[.ffffff]] today, or an ISO 8601 time' },
  dup: { kind: 'flag', get: (r) => r.duplicate === true, help: 'a duplicate request' },
  retx: { kind: 'flag', get: (r) => r.retransmit === true, help: 'a retransmission' },
};

const ALIASES: Record<string, string> = {
  username: 'user',
  'user-name': 'user',
  user_name: 'user',
  direction: 'dir',
  proto: 'protocol',
  src: 'addr',
  ip: 'addr',
  'ip.addr': 'addr',
  'session.id': 'session',
  'session-id': 'session',
  session_id: 'session',
  sessionid: 'session',
  frame: 'id',
  no: 'id',
  status: 'result',
};

/** A protocol name alone or as a prefix; `radius` covers every RADIUS kind, as in Wireshark. */
export const PROTOCOL_NAMES: Record<string, readonly TraceRow['protocol'][]> = {
  tacacs: ['tacacs'],
  tacplus: ['tacacs'],
  radius: ['radius', 'radius-acct', 'coa', 'radsec'],
  'radius-acct': ['radius-acct'],
  coa: ['coa'],
  radsec: ['radsec'],
};

export type ResolvedField =
  | { kind: 'row'; field: RowField; name: string; protocols?: readonly TraceRow['protocol'][] }
  | { kind: 'protocol'; protocols: readonly TraceRow['protocol'][] }
  /** A field of the packet itself (a RADIUS attribute, a TACACS+ body field): needs the record. */
  | { kind: 'attribute'; name: string; protocols: readonly TraceRow['protocol'][] };

const rowField = (name: string) => {
  const key = ALIASES[name] ?? name;
  const field = ROW_FIELDS[key];
  return field && { key, field };
};

export function resolveField(ref: FieldRef): ResolvedField {
  const lower = ref.text.toLowerCase();
  const protocols = PROTOCOL_NAMES[lower];
  if (protocols) return { kind: 'protocol', protocols };
  const own = rowField(lower);
  if (own) return { kind: 'row', field: own.field, name: own.key };
  const dot = lower.indexOf('.');
  const prefix = PROTOCOL_NAMES[lower.slice(0, dot)];
  if (dot > 0 && prefix) {
    const rest = ref.text.slice(dot + 1);
    const f = rowField(rest.toLowerCase());
    if (f) return { kind: 'row', field: f.field, name: f.key, protocols: prefix };
    if (rest) return { kind: 'attribute', name: rest, protocols: prefix };
  }
  throw new DisplayFilterError(
    `unknown field "${ref.text}": use ${Object.keys(ROW_FIELDS).join(', ')}, a protocol (tacacs, radius), ` +
      'or a packet field such as radius.Acct-Session-Id',
    ref.at,
    ref.text.length,
  );
}
