import { Buffer } from 'node:buffer';
import type { FieldNode } from '../../packet-view';
import type { Dictionary } from '../dictionary/dictionary';
import { scanAttributes, type AttributeIndex } from './attribute-index';
import { expandAttributes, type TopAttr } from './attributes';
import type { Avp } from './avp';
import { codeName } from './constants';
import { DecodeError } from './errors';
import { looksClean, unhidePasswordPadded, unhideSalted } from './hiding';
import type { RequestChecks } from './sign';

export interface DissectOptions {
  /** The secret the packet was checked with: hidden values are reported as decrypting cleanly or not. */
  secret?: Uint8Array;
  /** For replies: the request's authenticator (hiding and authenticator checks use it). */
  requestAuthenticator?: Uint8Array;
  checks?: RequestChecks;
  /** Lab-only `trace.showSecrets`: show a User-Password that decrypts cleanly in clear. */
  reveal?: boolean;
}

/**
 * The trace view's field tree, from the same decoder the server uses: the attribute nodes are
 * recorded as the decode pass produces each attribute. Never throws: a DecodeError becomes an error
 * node at its offset after the header fields. Never shows a secret.
 */
export function dissect(bytes: Uint8Array, dict: Dictionary, opts: DissectOptions = {}): FieldNode[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return dissectIndexed(buf, scanAttributes(buf), dict, opts);
}

/** dissect of `buf` already scanned into `index` (which then also serves the caller's checks). */
export function dissectIndexed(
  buf: Buffer,
  index: AttributeIndex,
  dict: Dictionary,
  opts: DissectOptions = {},
): FieldNode[] {
  const nodes: FieldNode[] = [];
  if (buf.length >= 1)
    nodes.push({ label: 'Code', value: `${codeName(buf[0]!)} (${buf[0]})`, offset: 0, length: 1 });
  if (buf.length >= 2) nodes.push({ label: 'Identifier', value: String(buf[1]), offset: 1, length: 1 });
  if (buf.length >= 4)
    nodes.push({ label: 'Length', value: String(buf.readUInt16BE(2)), offset: 2, length: 2 });
  if (buf.length >= 20) nodes.push(authenticatorNode(buf, opts));
  try {
    if (index.error) throw index.error;
    const attrs: FieldNode[] = [];
    expandAttributes(index, dict, (t) => attrs.push(topNode(t, buf, opts)));
    nodes.push({
      label: 'Attributes',
      value: String(attrs.length),
      offset: 20,
      length: index.bytes.length - 20,
      children: attrs,
    });
  } catch (e) {
    const err = e instanceof DecodeError ? e : new DecodeError('bad-value', 0, 'packet', String(e));
    nodes.push({
      label: `Malformed: ${err.field}`,
      value: err.message,
      offset: err.offset,
      length: Math.max(1, Math.min(2, buf.length - err.offset)),
      severity: 'error',
    });
  }
  return nodes;
}

function authenticatorNode(buf: Buffer, opts: DissectOptions): FieldNode {
  const hex = buf.subarray(4, 20).toString('hex');
  const c = opts.checks?.authenticator;
  const note = c === 'ok' ? ' (valid)' : c === 'bad' ? ' (INVALID for the configured secret)' : '';
  return {
    label: 'Authenticator',
    value: hex + note,
    offset: 4,
    length: 16,
    severity: c === 'bad' ? 'error' : undefined,
  };
}

function topNode(t: TopAttr, buf: Buffer, opts: DissectOptions): FieldNode {
  const type = buf[t.offset]!;
  if (t.vendor !== undefined && type === 26) {
    return {
      label: `Vendor-Specific (26)`,
      value: `${t.vendorName ?? 'vendor'} (${t.vendor})`,
      offset: t.offset,
      length: t.length,
      severity: t.error ? 'error' : undefined,
      children: [
        {
          label: 'Vendor-Id',
          value: `${t.vendorName ?? 'unknown'} (${t.vendor})`,
          offset: t.offset + 2,
          length: 4,
        },
        ...t.avps.map((a) => avpNode(a, buf, opts)),
        ...(t.error
          ? [
              {
                label: 'Error',
                value: t.error,
                offset: t.offset,
                length: t.length,
                severity: 'error' as const,
              },
            ]
          : []),
      ],
    };
  }
  const a = t.avps[0];
  if (t.avps.length === 1 && a) return avpNode(a, buf, opts, t.error);
  return {
    label: `Attribute ${type}`,
    value: t.error,
    offset: t.offset,
    length: t.length,
    severity: t.error ? 'error' : undefined,
  };
}

function avpNode(a: Avp, buf: Buffer, opts: DissectOptions, error?: string): FieldNode {
  const code = a.key.split('.').at(-1);
  let value = a.tag ? `${a.display} (tag ${a.tag})` : a.display;
  let severity: FieldNode['severity'] = error || a.error ? 'error' : undefined;
  if (a.hidden) {
    const r = hiddenVerdict(a, buf, opts);
    value = r.text;
    if (r.bad) severity = 'warning';
  }
  const secret = a.hidden ? true : undefined;
  if (a.name === 'Message-Authenticator' && opts.checks) {
    const c = opts.checks.messageAuthenticator;
    value = `${a.display} (${c === 'ok' ? 'valid' : 'INVALID for the configured secret'})`;
    if (c === 'bad') severity = 'error';
  }
  if (a.error) value += ` — ${a.error}`;
  const node: FieldNode = {
    label: `${a.name} (${code})`,
    value,
    offset: a.offset,
    length: a.length,
    severity,
  };
  if (secret) node.secret = true;
  if (a.children?.length) node.children = a.children.map((c) => avpNode(c, buf, opts));
  return node;
}

function hiddenVerdict(a: Avp, buf: Buffer, opts: DissectOptions): { text: string; bad: boolean } {
  const base = `hidden (${a.raw.length} bytes)`;
  if (!opts.secret || !a.def) return { text: base, bad: false };
  const reqAuth = opts.requestAuthenticator ?? buf.subarray(4, 20);
  try {
    if (a.def.encrypt === 1) {
      const plain = unhidePasswordPadded(a.raw, opts.secret, reqAuth);
      const clean = looksClean(plain);
      if (clean && opts.reveal) {
        const text = Buffer.from(plain).toString('utf8').replace(/\0+$/, '');
        return { text: `${JSON.stringify(text)} (shown: trace.showSecrets is on)`, bad: false };
      }
      return clean
        ? { text: `${base}, decrypts cleanly with the configured secret`, bad: false }
        : { text: `${base}, does NOT decrypt cleanly with the configured secret (wrong secret?)`, bad: true };
    }
    unhideSalted(a.raw, opts.secret, reqAuth, a.valueOffset, a.name);
    return { text: `${base}, decrypts cleanly with the configured secret`, bad: false };
  } catch (e) {
    return { text: `${base}, ${(e as Error).message}`, bad: true };
  }
}
