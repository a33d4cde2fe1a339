import type { FieldNode } from '../../packet-view';
import { Flags, HEADER_LENGTH } from './constants';
import { dissect } from './dissect';
import { decodeHeader, plainBody, type DecodeOptions } from './packet';
import { plausible } from './plausible';
import { DecodeError } from './reader';

export type DeobfuscateResult =
  /** Header + clear body: the same layout as the wire packet, so the field tree's offsets hold. */
  | { ok: true; bytes: Buffer; secretSpans: Array<{ offset: number; length: number }> }
  /** The body does not decode with this key (wrong secret): nothing is shown. */
  | { ok: false; reason: string }
  /** Sent in clear (TAC_PLUS_UNENCRYPTED_FLAG, or too short to have a header): nothing to decrypt. */
  | undefined;

/**
 * RFC 8907 §4.5: the packet with its body de-obfuscated, as Wireshark's "Decrypted TACACS+" tab
 * shows it, and the spans of the fields that carry a password (PAP/ASCII data, CONTINUE user_msg)
 * so the caller can mask them. Only a key the whole packet decodes with is accepted.
 */
export function deobfuscatePacket(
  wire: Uint8Array,
  key: string,
  opts: DecodeOptions = {},
): DeobfuscateResult {
  if (wire.length < HEADER_LENGTH) return undefined;
  let header;
  try {
    header = decodeHeader(wire, undefined, opts.maxBodyLength);
  } catch (e) {
    if (e instanceof DecodeError) return undefined;
    throw e;
  }
  if (header.flags & Flags.UNENCRYPTED) return undefined;
  const d = dissect(wire, key, opts);
  // A wrong key gives random bytes; lengths rarely add up, and `plausible` catches most that do.
  if (!d.packet || !plausible(d.packet.body))
    return { ok: false, reason: 'the body does not decode with this key' };
  const bytes = Buffer.alloc(wire.length);
  bytes.set(wire.subarray(0, HEADER_LENGTH));
  bytes.set(plainBody(header, wire, key), HEADER_LENGTH);
  return { ok: true, bytes, secretSpans: secretSpans(d.nodes) };
}

/** The byte spans of every node marked `secret`, depth first. */
export function secretSpans(nodes: readonly FieldNode[]): Array<{ offset: number; length: number }> {
  const out: Array<{ offset: number; length: number }> = [];
  const walk = (ns: readonly FieldNode[]): void => {
    for (const n of ns) {
      if (n.secret && n.length > 0) out.push({ offset: n.offset, length: n.length });
      if (n.children) walk(n.children);
    }
  };
  walk(nodes);
  return out;
}
