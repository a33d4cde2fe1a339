/**
 * The load worker, as CommonJS source run with `new Worker(source, { eval: true })` (like the trace
 * index's): it loads the same way under Electron, the bundled CLI, tsx and Vitest, and needs no
 * compiler. It only moves pre-built packets (pool.ts) and reads reply status bytes: the cost per
 * request is a send, a receive and a few array writes. Statistics leave every 250 ms as per-second
 * deltas (counts, error kinds, a log-bucket latency histogram) that the main thread merges.
 */
export const WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData: w } = require('node:worker_threads');
const dgram = require('node:dgram');
const net = require('node:net');
const { createHash } = require('node:crypto');

const P = w.pool;
const data = Buffer.from(P.data);
const { off, len, pad, first, count, expect } = P;
const NB = w.buckets;
const GROWTH = Math.log(1.04);
const KINDS = w.kinds;
const K = Object.fromEntries(KINDS.map((k, i) => [k, i]));
const now = () => performance.timeOrigin + performance.now();
const t0 = w.startAt;
const endAt = t0 + w.durationMs;
let remaining = w.count > 0 ? w.count : Infinity;
let inflight = 0;
let tokens = 0;
let lastTick = now();
let stopping = false;
let reason = 'duration';
let finished = false;
let secs = new Map();

function acc(sec) {
  let a = secs.get(sec);
  if (!a) secs.set(sec, (a = { sent: 0, ok: 0, rejects: 0, errors: new Array(KINDS.length).fill(0), hist: new Uint32Array(NB), max: 0 }));
  return a;
}
const secOf = (t) => Math.max(0, Math.floor((t - t0) / 1000));
function record(sentAt, at, kind) {
  const a = acc(secOf(at));
  const ms = at - sentAt;
  const us = ms * 1000;
  a.hist[us < 10 ? 0 : Math.min(NB - 1, 1 + Math.floor(Math.log(us / 10) / GROWTH))]++;
  if (ms > a.max) a.max = ms;
  if (kind === 'ok') a.ok++;
  else if (kind === 'reject') (a.ok++, a.rejects++);
  else a.errors[K[kind]]++;
}
function fail(at, kind) {
  acc(secOf(at)).errors[K[kind]]++;
}
function flush() {
  if (!secs.size) return;
  const out = [...secs.entries()].map(([sec, a]) => ({ sec, ...a }));
  secs = new Map();
  parentPort.postMessage({ type: 'stats', secs: out }, out.map((s) => s.hist.buffer));
}
function ramp(t) {
  return w.rampMs > 0 && t < t0 + w.rampMs ? Math.max(0.02, (t - t0) / w.rampMs) : 1;
}
const windowNow = (t) => Math.max(1, Math.ceil(w.concurrency * (w.rate > 0 ? 1 : ramp(t))));

function pump() {
  const t = now();
  while (!stopping && remaining > 0 && inflight < windowNow(t) && (w.rate === 0 || tokens >= 1)) {
    if (!sendOne(t)) break;
    acc(secOf(t)).sent++;
    remaining--;
    inflight++;
    if (w.rate > 0) tokens--;
  }
  if (remaining === 0 && !stopping) stop('count');
}
function stop(why) {
  if (stopping) return;
  stopping = true;
  reason = why;
  if (inflight === 0) finish();
  else setTimeout(() => { expireAll(); finish(); }, w.timeoutMs + 50).unref();
}
function finish() {
  if (finished) return;
  finished = true;
  clearInterval(timer);
  flush();
  closeAll();
  parentPort.postMessage({ type: 'done', reason });
  parentPort.close();
}
function completed() {
  inflight--;
  if (stopping) { if (inflight === 0) finish(); }
  else pump();
}

// ---- RADIUS over UDP: sockets of up to PER_SOCKET requests in flight, Identifiers as slots.
const PER_SOCKET = 16;
const socks = [];
let rr = 0;
function radiusSocket() {
  const s = { sock: dgram.createSocket(net.isIPv6(w.host) ? 'udp6' : 'udp4'), sentAt: new Float64Array(256).fill(-1), entry: new Int32Array(256), variant: new Uint16Array(256), nextId: 0, inflight: 0, n: 0 };
  s.sock.on('message', (m) => onRadius(s, m));
  s.sock.on('error', () => {});
  return s;
}
const positive = w.op === 'acct' ? 5 : 2;
const secret = Buffer.from(w.secret, 'utf8');
function verify(m, e) {
  const req = data.subarray(off[first[e]] + 4, off[first[e]] + 20);
  const h = createHash('md5').update(m.subarray(0, 4)).update(req).update(m.subarray(20, m.readUInt16BE(2))).update(secret).digest();
  return h.equals(m.subarray(4, 20));
}
function onRadius(s, m) {
  if (m.length < 20) return;
  const id = m[1];
  const sentAt = s.sentAt[id];
  if (sentAt < 0) return;
  const t = now();
  s.sentAt[id] = -1;
  s.inflight--;
  const e = s.entry[id];
  const code = m[0];
  let kind;
  if ((++s.n & 15) === 0 && !verify(m, e)) kind = 'bad-authenticator';
  else if (expect[e]) kind = code === positive ? 'ok' : code === 3 ? 'rejected' : 'unexpected-reply';
  else kind = code === 3 ? 'reject' : code === 2 ? 'accepted-wrong-password' : 'unexpected-reply';
  record(sentAt, t, kind);
  completed();
}
function sendRadius(t) {
  for (let k = 0; k < socks.length; k++) {
    const s = socks[(rr + k) % socks.length];
    if (s.inflight >= PER_SOCKET) continue;
    rr = (rr + k + 1) % socks.length;
    let id = s.nextId;
    while (s.sentAt[id] >= 0) id = (id + 1) & 0xff;
    s.nextId = (id + 1) & 0xff;
    const v = s.variant[id];
    s.variant[id] = (v + 1) % w.variants;
    const e = id * w.variants + v;
    const p = first[e];
    s.entry[id] = e;
    s.sentAt[id] = t;
    s.inflight++;
    s.sock.send(data.subarray(off[p], off[p] + len[p]));
    return true;
  }
  return false;
}
function expireRadius(t, all) {
  for (const s of socks)
    for (let id = 0; id < 256; id++) {
      const at = s.sentAt[id];
      if (at >= 0 && (all || t - at > w.timeoutMs)) {
        s.sentAt[id] = -1;
        s.inflight--;
        fail(at, 'timeout');
        inflight--;
      }
    }
}

// ---- TACACS+ over TCP: one flow per connection slot, one session at a time on it.
const flows = [];
const idle = [];
let nextEntry = w.entryOffset;
const PASS = new Set(w.passStatuses);
function tacacsFlow() {
  return { sock: null, active: false, entry: 0, step: 0, sentAt: 0 };
}
function connectFlow(f, then) {
  const sock = net.connect({ host: w.host, port: w.port });
  sock.setNoDelay(true);
  f.sock = sock;
  const st = { buf: null };
  sock.on('connect', then);
  sock.on('data', (c) => onTacacsData(f, sock, st, c));
  sock.on('error', () => {});
  sock.on('close', () => {
    if (f.sock !== sock) return;
    f.sock = null;
    if (f.active) endFlow(f, now(), 'connection');
  });
}
function writeStep(f) {
  const p = first[f.entry] + f.step;
  f.sock.write(data.subarray(off[p], off[p] + len[p]));
}
function sendTacacs(t) {
  const f = idle.pop();
  if (!f) return false;
  f.active = true;
  f.entry = nextEntry++ % P.entries;
  f.step = 0;
  f.sentAt = t;
  if (f.sock && w.mode === 'single') writeStep(f);
  else connectFlow(f, () => f.active && f.sock && writeStep(f));
  return true;
}
function onTacacsData(f, sock, st, c) {
  // The buffer belongs to the socket: a reply can end the flow and start the next on a new socket.
  st.buf = st.buf && st.buf.length ? Buffer.concat([st.buf, c]) : c;
  while (st.buf.length >= 12) {
    const n = 12 + st.buf.readUInt32BE(8);
    if (st.buf.length < n) return;
    const reply = st.buf.subarray(0, n);
    st.buf = st.buf.subarray(n);
    if (f.active && f.sock === sock) onTacacs(f, reply);
  }
}
function onTacacs(f, reply) {
  const t = now();
  const p = first[f.entry] + f.step;
  if (reply.length <= 12 + w.statusOffset) return endFlow(f, t, 'unexpected-reply');
  const status = reply[12 + w.statusOffset] ^ pad[p];
  if (f.step + 1 < count[f.entry] && status === 5) {
    f.step++;
    return writeStep(f);
  }
  let kind;
  if (expect[f.entry]) kind = PASS.has(status) ? 'ok' : status === 2 || status === 0x10 ? 'rejected' : 'unexpected-reply';
  else kind = status === 2 ? 'reject' : PASS.has(status) ? 'accepted-wrong-password' : 'unexpected-reply';
  endFlow(f, t, kind);
}
function endFlow(f, t, kind) {
  if (!f.active) return;
  f.active = false;
  if (kind === 'connection' || kind === 'timeout') fail(f.sentAt, kind);
  else record(f.sentAt, t, kind);
  if (w.mode !== 'single' || kind === 'timeout') {
    const s = f.sock;
    f.sock = null;
    if (s) s.destroy();
  }
  idle.push(f);
  completed();
}
function expireTacacs(t, all) {
  for (const f of flows) if (f.active && (all || t - f.sentAt > w.timeoutMs)) endFlow(f, t, 'timeout');
}

const isRadius = w.protocol === 'radius';
const sendOne = isRadius ? sendRadius : sendTacacs;
function expireAll() {
  const t = now();
  if (isRadius) expireRadius(t, true);
  else { stopping = true; expireTacacs(t, true); }
}
function closeAll() {
  for (const s of socks) try { s.sock.close(); } catch {}
  for (const f of flows) if (f.sock) f.sock.destroy();
}

let lastExpire = 0;
let lastFlush = 0;
function tick() {
  const t = now();
  if (t >= endAt) return stop('duration');
  if (w.rate > 0) {
    const r = w.rate * ramp(t);
    tokens = Math.min(tokens + (r * (t - lastTick)) / 1000, Math.max(1, r * 0.02));
  }
  lastTick = t;
  if (t - lastExpire > 50) {
    lastExpire = t;
    if (isRadius) expireRadius(t, false);
    else expireTacacs(t, false);
    if (stopping && inflight === 0) return finish();
  }
  if (t - lastFlush > 250) (lastFlush = t, flush());
  pump();
}
let timer;
parentPort.on('message', (m) => m === 'stop' && stop('stop'));

async function main() {
  if (isRadius) {
    const n = Math.max(1, Math.ceil(w.concurrency / PER_SOCKET));
    for (let i = 0; i < n; i++) socks.push(radiusSocket());
    await Promise.all(socks.map((s) => new Promise((res, rej) => { s.sock.once('error', rej); s.sock.connect(w.port, w.host, () => { s.sock.off('error', rej); res(); }); })));
    for (const s of socks) try { s.sock.setRecvBufferSize(4 << 20); } catch {}
  } else {
    for (let i = 0; i < w.concurrency; i++) { const f = tacacsFlow(); flows.push(f); idle.push(f); }
  }
  parentPort.postMessage({ type: 'ready' });
  const wait = t0 - now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  lastTick = now();
  timer = setInterval(tick, w.rate > 0 ? 2 : 20);
  pump();
}
main().catch((e) => { parentPort.postMessage({ type: 'error', message: String(e && e.message || e) }); parentPort.close(); });
`;
