import { Buffer } from 'node:buffer';
import { X509Certificate } from 'node:crypto';
import type { FieldNode } from '../../../packet-view';
import { ALERT, CONTENT_TYPE, HANDSHAKE_TYPE, suiteName, versionName } from './tls-names';

/**
 * A summary of TLS bytes for the trace (the EAP dissector calls it for each EAP-TLS/PEAP/TTLS
 * packet's TLS data): records, handshake messages, the negotiated version and cipher suite, the
 * certificate subjects, alerts. Pure and total: a record cut by EAP fragmentation is marked as
 * continuing, never an error; encrypted records are named as such.
 */
export interface TlsSummary {
  /** "ServerHello TLS 1.3 TLS_AES_256_GCM_SHA384, Certificate [CN=lab-server], …" */
  summary: string;
  fields: FieldNode[];
}

const MAX_RECORDS = 64;

export function summarizeTls(bytes: Uint8Array, base = 0): TlsSummary {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  const fields: FieldNode[] = [];
  let at = 0;
  while (at < b.length && fields.length < MAX_RECORDS) {
    if (at + 5 > b.length || !CONTENT_TYPE[b[at]!]) {
      fields.push({
        label: 'TLS data',
        offset: base + at,
        length: b.length - at,
        value: 'continues a record from another fragment, or not TLS',
      });
      parts.push('(continuation)');
      break;
    }
    const type = b[at]!;
    const len = b.readUInt16BE(at + 3);
    const body = b.subarray(at + 5, Math.min(b.length, at + 5 + len));
    const cut = at + 5 + len > b.length;
    const record: FieldNode = {
      label: `${CONTENT_TYPE[type]} record`,
      offset: base + at,
      length: 5 + body.length,
      value: `${versionName(b.readUInt16BE(at + 1))}, ${len} bytes${cut ? ' (continues in the next fragment)' : ''}`,
      children: [],
    };
    if (type === 22) {
      for (const m of handshakes(body, base + at + 5)) {
        record.children!.push(m.field);
        parts.push(m.text);
      }
    } else if (type === 21 && body.length >= 2) {
      const text = `Alert ${body[0] === 2 ? 'fatal' : 'warning'} ${ALERT[body[1]!] ?? body[1]}`;
      record.value = text;
      parts.push(text);
    } else if (type === 23) parts.push('encrypted data');
    else if (type === 20) parts.push('ChangeCipherSpec');
    fields.push(record);
    at += 5 + len;
  }
  return { summary: parts.join(', ') || 'no TLS data', fields };
}

function handshakes(body: Buffer, base: number): Array<{ text: string; field: FieldNode }> {
  const out: Array<{ text: string; field: FieldNode }> = [];
  let at = 0;
  while (at + 4 <= body.length && out.length < MAX_RECORDS) {
    const type = body[at]!;
    const len = body.readUIntBE(at + 1, 3);
    const msg = body.subarray(at + 4, Math.min(body.length, at + 4 + len));
    const name = HANDSHAKE_TYPE[type];
    if (!name) {
      // After ChangeCipherSpec (TLS 1.2) the Finished is encrypted: no readable type.
      out.push({
        text: 'encrypted handshake',
        field: { label: 'Encrypted handshake', offset: base + at, length: body.length - at },
      });
      break;
    }
    const detail = describe(type, msg, msg.length < len);
    out.push({
      text: detail ? `${name} ${detail}` : name,
      field: { label: name, offset: base + at, length: 4 + msg.length, value: detail || `${len} bytes` },
    });
    at += 4 + len;
  }
  return out;
}

function describe(type: number, m: Buffer, cut: boolean): string {
  try {
    if (type === 2) return serverHello(m);
    if (type === 1) return clientHello(m);
    if (type === 11) return certificates(m, cut);
  } catch {
    return cut ? '(continues in the next fragment)' : '(malformed)';
  }
  return '';
}

/** RFC 8446 §4.1.3: a TLS 1.3 ServerHello says 1.2 in legacy_version and 1.3 in supported_versions. */
function serverHello(m: Buffer): string {
  let at = 2 + 32;
  at += 1 + m[at]!;
  const suite = m.readUInt16BE(at);
  at += 3;
  let version = m.readUInt16BE(0);
  if (at + 2 <= m.length) {
    const end = Math.min(m.length, at + 2 + m.readUInt16BE(at));
    for (at += 2; at + 4 <= end;) {
      const t = m.readUInt16BE(at);
      const l = m.readUInt16BE(at + 2);
      if (t === 43 && l === 2) version = m.readUInt16BE(at + 4);
      at += 4 + l;
    }
  }
  return `${versionName(version)} ${suiteName(suite)}`;
}

function clientHello(m: Buffer): string {
  let at = 2 + 32;
  at += 1 + m[at]!;
  const suites = m.readUInt16BE(at) / 2;
  return `${versionName(m.readUInt16BE(0))}, ${suites} cipher suites`;
}

/** Certificate subjects: TLS 1.2 (RFC 5246 §7.4.2) or TLS 1.3 (RFC 8446 §4.4.2, request context and
 * per-entry extensions). Only TLS 1.2's is readable on the wire; TLS 1.3 encrypts it. */
function certificates(m: Buffer, cut: boolean): string {
  // TLS 1.2 starts with the 3-byte list length; TLS 1.3 with a request-context length byte first.
  const tls13 = !cut && m.length >= 3 && m.readUIntBE(0, 3) !== m.length - 3;
  let at = tls13 ? 1 + m[0]! : 0;
  const end = at + 3 + m.readUIntBE(at, 3);
  at += 3;
  const subjects: string[] = [];
  while (at + 3 <= Math.min(end, m.length)) {
    const l = m.readUIntBE(at, 3);
    if (at + 3 + l > m.length) break;
    subjects.push(new X509Certificate(m.subarray(at + 3, at + 3 + l)).subject.split('\n').join(', '));
    at += 3 + l;
    if (tls13) at += 2 + m.readUInt16BE(at);
  }
  if (subjects.length === 0) return cut ? '(continues in the next fragment)' : 'empty (no certificate)';
  return `[${subjects.join(' | ')}]${cut ? ' …' : ''}`;
}
