import type { FieldNode } from '../../packet-view';
import { EapDecodeError, decodeEap, eapCodeName, eapTypeName, nakDesired, type EapPacket } from './codec';
import { EAP_CODE, EAP_TYPE } from './method';
import { summarizeTls } from './tls-tunnel/tls-summary';

/** RFC 5216 §3.1 (EAP-TLS), RFC 5281 §9.1 (TTLS), PEAPv0: Flags L M S, then a version in PEAP/TTLS. */
const TLS_TYPES: ReadonlySet<number> = new Set([EAP_TYPE.TLS, EAP_TYPE.TTLS, EAP_TYPE.PEAP]);

/**
 * The field tree of one (reassembled) EAP packet, offsets into that packet. Never throws: a decode
 * error becomes an error node. A GTC response is the user's password: shown only with `reveal`.
 */
export function dissectEap(bytes: Buffer, reveal = false): FieldNode[] {
  let p: EapPacket;
  try {
    p = decodeEap(bytes);
  } catch (e) {
    const err = e as EapDecodeError;
    return [
      {
        label: `Malformed EAP: ${err.field}`,
        value: err.message,
        offset: err.offset ?? 0,
        length: Math.max(1, Math.min(2, bytes.length - (err.offset ?? 0))),
        severity: 'error',
      },
    ];
  }
  const nodes: FieldNode[] = [
    { label: 'Code', value: `${eapCodeName(p.code)} (${p.code})`, offset: 0, length: 1 },
    { label: 'Identifier', value: String(p.identifier), offset: 1, length: 1 },
    { label: 'Length', value: String(bytes.readUInt16BE(2)), offset: 2, length: 2 },
  ];
  if (p.type === undefined) return nodes;
  nodes.push({ label: 'Type', value: `${eapTypeName(p.type)} (${p.type})`, offset: 4, length: 1 });
  const data = typeDataNodes(p, reveal);
  if (data.length) nodes.push(...data);
  return nodes;
}

function typeDataNodes(p: EapPacket, reveal: boolean): FieldNode[] {
  const d = p.typeData;
  const at = (off: number, len: number) => ({ offset: 5 + off, length: len });
  if (d.length === 0) return [];
  switch (p.type) {
    case EAP_TYPE.Identity:
    case EAP_TYPE.Notification:
      return [
        {
          label: p.type === 1 ? 'Identity' : 'Message',
          value: JSON.stringify(d.toString('utf8')),
          ...at(0, d.length),
        },
      ];
    case EAP_TYPE.Nak: {
      const want = nakDesired(d);
      return [
        {
          label: 'Desired types',
          value: want.length ? want.map((t) => `${eapTypeName(t)} (${t})`).join(', ') : 'none (0)',
          ...at(0, d.length),
        },
      ];
    }
    case EAP_TYPE.MD5: {
      const size = d[0]!;
      const nodes: FieldNode[] = [
        { label: 'Value-Size', value: String(size), ...at(0, 1) },
        {
          label: 'Value',
          value: d.subarray(1, 1 + size).toString('hex'),
          ...at(1, Math.min(size, d.length - 1)),
        },
      ];
      if (d.length > 1 + size)
        nodes.push({
          label: 'Name',
          value: JSON.stringify(d.subarray(1 + size).toString('utf8')),
          ...at(1 + size, d.length - 1 - size),
        });
      return nodes;
    }
    case EAP_TYPE.GTC:
      if (p.code === EAP_CODE.Request)
        return [{ label: 'Message', value: JSON.stringify(d.toString('utf8')), ...at(0, d.length) }];
      return [
        {
          label: 'Response',
          value: reveal
            ? `${JSON.stringify(d.toString('utf8'))} (shown: trace.showSecrets is on)`
            : `hidden (${d.length} bytes)`,
          secret: true,
          ...at(0, d.length),
        },
      ];
    default:
      return TLS_TYPES.has(p.type!)
        ? tlsNodes(p, at)
        : [{ label: 'Type-Data', value: `${d.length} bytes`, ...at(0, d.length) }];
  }
}

/** RFC 5216 §3.1: Flags (L length included, M more fragments, S start) and the TLS payload. */
function tlsNodes(
  p: EapPacket,
  at: (off: number, len: number) => { offset: number; length: number },
): FieldNode[] {
  const d = p.typeData;
  const f = d[0]!;
  const flags = [f & 0x80 ? 'L' : '', f & 0x40 ? 'M' : '', f & 0x20 ? 'S' : ''].filter(Boolean);
  const version = p.type === EAP_TYPE.TLS ? '' : `, version ${f & 0x07}`;
  const nodes: FieldNode[] = [
    {
      label: 'Flags',
      value: `0x${f.toString(16).padStart(2, '0')} ${flags.length ? flags.join(' ') : '(none)'}${version}`,
      ...at(0, 1),
    },
  ];
  let off = 1;
  if (f & 0x80) {
    if (d.length < 5)
      return [
        ...nodes,
        { label: 'TLS Message Length', value: 'truncated', ...at(1, d.length - 1), severity: 'error' },
      ];
    nodes.push({ label: 'TLS Message Length', value: String(d.readUInt32BE(1)), ...at(1, 4) });
    off = 5;
  }
  const payload = d.length - off;
  const frag =
    f & 0x40
      ? 'fragment, more follow'
      : f & 0x80 && payload < d.readUInt32BE(1)
        ? 'last fragment'
        : payload
          ? 'complete'
          : 'acknowledgement';
  if (payload || !(f & 0x20)) {
    const tls = payload ? summarizeTls(d.subarray(off), at(off, 0).offset) : undefined;
    nodes.push({
      label: 'TLS data',
      value: `${payload} bytes (${frag})${tls ? `: ${tls.summary}` : ''}`,
      ...at(off, payload),
      ...(tls?.fields.length ? { children: tls.fields } : {}),
    });
  }
  return nodes;
}
