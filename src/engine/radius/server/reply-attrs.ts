import type { Decision } from '../../policy/decision';
import { buildAttributes, resolveAttribute, type AttrInput } from '../codec/build';
import type { RawAttribute } from '../codec/packet';
import type { Dictionary } from '../dictionary/dictionary';

/** Shared when cached (encodeFixedReply): read-only. */
export interface EncodedReply {
  readonly attrs: readonly RawAttribute[];
  readonly errors: readonly string[];
}

/** Encodes reply attributes one by one so that one bad group attribute does not lose the reply. */
export function encodeReply(
  pairs: readonly AttrInput[],
  dict: Dictionary,
  secret: Buffer,
  authenticator: Buffer,
): EncodedReply {
  const attrs: RawAttribute[] = [];
  const errors: string[] = [];
  const hide = { secret, authenticator };
  for (const p of pairs) {
    try {
      const built = buildAttributes([p], dict, hide);
      for (const a of built) attrs.push(a);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return { attrs, errors };
}

const fixedCache = new WeakMap<readonly AttrInput[], EncodedReply & { dict: Dictionary }>();

/**
 * `encodeReply` for a list that is the same object for every reply of its kind (a group's
 * radiusReply, a constant Reply-Message): encoded once per dictionary. A list holding a hidden
 * attribute (Tunnel-Password) depends on each request's authenticator and is encoded every time.
 */
export function encodeFixedReply(
  pairs: readonly AttrInput[],
  dict: Dictionary,
  secret: Buffer,
  authenticator: Buffer,
): EncodedReply {
  const hit = fixedCache.get(pairs);
  if (hit?.dict === dict) return hit;
  const out = encodeReply(pairs, dict, secret, authenticator);
  if (!pairs.some((p) => hidden(dict, p.name))) fixedCache.set(pairs, { ...out, dict });
  return out;
}

function hidden(dict: Dictionary, name: string): boolean {
  try {
    return resolveAttribute(dict, name).encrypt !== 0;
  } catch {
    return false; // unknown: an error either way, the same every time
  }
}

const pairsCache = new WeakMap<Decision['radiusReply'], readonly AttrInput[]>();

/** A group's radiusReply as attributes ("Tunnel-Private-Group-Id:1" = tag 1, as FreeRADIUS writes it), once per list. */
export function replyPairs(reply: Decision['radiusReply']): readonly AttrInput[] {
  let pairs = pairsCache.get(reply);
  if (!pairs) {
    pairs = reply.map(([name, value]) => {
      const m = /^(.+):(\d{1,2})$/.exec(name);
      return m ? { name: m[1]!, value, tag: Number(m[2]) } : { name, value };
    });
    pairsCache.set(reply, pairs);
  }
  return pairs;
}
