import { Buffer } from 'node:buffer';
import type { FieldNode } from '../../packet-view';
import { scanAttributes } from '../codec/attribute-index';
import { dissectIndexed } from '../codec/dissect';
import { verifyRequest } from '../codec/sign';
import type { Dictionary } from '../dictionary/dictionary';
import { withEap } from './eap-trace';

type Tree = (bytes: Uint8Array, request?: Uint8Array) => FieldNode[];

interface Trees {
  request: Tree;
  revealed: Tree;
  reply: Tree;
}

const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
const REPLY_CHECKS = { authenticator: 'ok', messageAuthenticator: 'ok' } as const;

const plain = new WeakMap<Dictionary, Tree>();
const keyed = new WeakMap<Dictionary, WeakMap<Buffer, Trees>>();

/**
 * The trace's lazy field trees for RADIUS packets, one per dictionary and secret and shared by
 * every record, so a traced packet allocates no closure. They are pure functions of the wire bytes:
 * a request's authenticator checks are recomputed when the tree is built (the same verifyRequest
 * the server ran), and a reply's Request Authenticator comes from the request record's bytes.
 */
export function plainTree(dict: Dictionary): Tree {
  let t = plain.get(dict);
  if (!t)
    plain.set(
      dict,
      (t = (b) => {
        const buf = asBuffer(b);
        const index = scanAttributes(buf);
        return withEap(dissectIndexed(buf, index, dict), index, false);
      }),
    );
  return t;
}

export function requestTree(dict: Dictionary, secret: Buffer, reveal: boolean): Tree {
  const t = trees(dict, secret);
  return reveal ? t.revealed : t.request;
}

export function replyTree(dict: Dictionary, secret: Buffer): Tree {
  return trees(dict, secret).reply;
}

function trees(dict: Dictionary, secret: Buffer): Trees {
  let bySecret = keyed.get(dict);
  if (!bySecret) keyed.set(dict, (bySecret = new WeakMap()));
  let t = bySecret.get(secret);
  if (!t) {
    const request =
      (reveal: boolean): Tree =>
      (b) => {
        const buf = asBuffer(b);
        const index = scanAttributes(buf);
        const checks = verifyRequest(buf, secret, index);
        return withEap(dissectIndexed(buf, index, dict, { secret, checks, reveal }), index, reveal);
      };
    t = {
      request: request(false),
      revealed: request(true),
      reply: (b, req) => {
        const buf = asBuffer(b);
        const index = scanAttributes(buf);
        const requestAuthenticator = req && req.length >= 20 ? req.subarray(4, 20) : undefined;
        const opts = { secret, requestAuthenticator, checks: REPLY_CHECKS };
        return withEap(dissectIndexed(buf, index, dict, opts), index, false);
      },
    };
    bySecret.set(secret, t);
  }
  return t;
}
