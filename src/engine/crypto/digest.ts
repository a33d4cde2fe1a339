import { Buffer } from 'node:buffer';
import { md5Into, md5Prefix } from './md5';

/**
 * The one door to the plain-JS MD5 of md5.ts: the TACACS+ pad (RFC 8907 §4.5) and the RADIUS
 * per-packet authenticators (RFC 2865 §3, RFC 3579 §3.2), where bench/md5.ts shows it beats
 * node:crypto (elsewhere, e.g. CHAP, node:crypto is used). For RADIUS: node:crypto's createHmac/createHash cost ~2.5 µs per call on a ~100-byte packet
 * (a C++ crossing, a Hash object and a result Buffer), the JS version ~1.2 µs for HMAC and ~0.5 µs
 * for MD5. Inputs are copied into one scratch buffer, grown when a packet plus secret needs more.
 */
let scratch = Buffer.alloc(64 + 4096 + 128);

function room(n: number): Buffer {
  if (scratch.length < n) scratch = Buffer.alloc(n);
  return scratch;
}

/** MD5 of `data`'s first `n` bytes into `out` (16 bytes), allocating nothing: the TACACS+ pad. */
export function md5BytesInto(data: Uint8Array, n: number, out: Uint8Array): void {
  md5Into(data, n, out, 0);
}

/** MD5 over the concatenation of `parts`. */
export function md5(...parts: Uint8Array[]): Buffer {
  let n = 0;
  for (const p of parts) n += p.length;
  const buf = room(n);
  let off = 0;
  for (const p of parts) {
    buf.set(p, off);
    off += p.length;
  }
  const out = Buffer.allocUnsafe(16);
  md5Into(buf, n, out, 0);
  return out;
}

/** MD5(a ‖ b ‖ c) into `out` (16 bytes), allocating nothing: the salted hiding's masks. */
export function md5ThreeInto(a: Uint8Array, b: Uint8Array, c: Uint8Array, out: Uint8Array): void {
  const n = a.length + b.length + c.length;
  const buf = room(n);
  buf.set(a, 0);
  buf.set(b, a.length);
  buf.set(c, a.length + b.length);
  md5Into(buf, n, out, 0);
}

/** MD5(data ‖ secret) into `out` at `at`: a packet's authenticator, written in place (no result Buffer). */
export function md5WithSecretInto(data: Uint8Array, secret: Uint8Array, out: Uint8Array, at: number): void {
  const n = data.length + secret.length;
  const buf = room(n);
  buf.set(data, 0);
  buf.set(secret, data.length);
  md5Into(buf, n, out, at);
}

/** MD5 states after key ⊕ ipad and key ⊕ opad, per key (secrets are long-lived Buffers). */
const pads = new WeakMap<Uint8Array, { inner: Int32Array; outer: Int32Array }>();

function padsOf(key: Uint8Array): { inner: Int32Array; outer: Int32Array } {
  let p = pads.get(key);
  if (!p) {
    const k = key.length > 64 ? md5(key) : key;
    const block = (x: number) => {
      const b = new Uint8Array(64).fill(x);
      for (let i = 0; i < k.length; i++) b[i] = b[i]! ^ k[i]!;
      return md5Prefix(b);
    };
    pads.set(key, (p = { inner: block(0x36), outer: block(0x5c) }));
  }
  return p;
}

const innerHash = new Uint8Array(16);

/**
 * HMAC-MD5 (RFC 2104) of `data` under `key`. The key's ipad/opad blocks are hashed once per key
 * (two of the five or so MD5 blocks per RADIUS Message-Authenticator), and `data` is hashed in place.
 */
export function hmacMd5(key: Uint8Array, data: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(16);
  hmacMd5Into(key, data, out, 0);
  return out;
}

/** hmacMd5 into `out` at `at` (which may lie inside `data`: it is written after `data` is read). */
export function hmacMd5Into(key: Uint8Array, data: Uint8Array, out: Uint8Array, at: number): void {
  const { inner, outer } = padsOf(key);
  md5Into(data, data.length, innerHash, 0, inner);
  md5Into(innerHash, 16, out, at, outer);
}
