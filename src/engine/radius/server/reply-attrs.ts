import type { Decision } from '../../policy/decision';
import { buildAttributeInto, resolveAttribute, type AttrInput, type HideContext } from '../codec/build';
import type { RawAttribute } from '../codec/packet';
import type { Dictionary } from '../dictionary/dictionary';

/** Shared when cached (encodeFixedReply): read-only. */
export interface EncodedReply {
  readonly attrs: readonly RawAttribute[];
  readonly errors: readonly string[];
}

const NO_PAIRS: readonly AttrInput[] = Object.freeze([]);

/**
 * Encodes reply attributes one by one so that one bad group attribute does not lose the reply:
 * `before`'s (already encoded) first, then `pairs`, then `more` (one list, without concatenating).
 */
export function encodeReply(
  pairs: readonly AttrInput[],
  dict: Dictionary,
  secret: Buffer,
  authenticator: Buffer,
  more: readonly AttrInput[] = NO_PAIRS,
  before?: EncodedReply,
): EncodedReply {
  const attrs: RawAttribute[] = before ? before.attrs.slice() : [];
  const errors: string[] = before ? before.errors.slice() : [];
  const hide: HideContext = { secret, authenticator };
  for (const p of pairs) encodeOne(attrs, errors, p, dict, hide);
  for (const p of more) encodeOne(attrs, errors, p, dict, hide);
  return { attrs, errors };
}

function encodeOne(
  attrs: RawAttribute[],
  errors: string[],
  p: AttrInput,
  dict: Dictionary,
  hide: HideContext,
): void {
  try {
    buildAttributeInto(attrs, p, dict, hide);
  } catch (e) {
    errors.push((e as Error).message);
  }
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
