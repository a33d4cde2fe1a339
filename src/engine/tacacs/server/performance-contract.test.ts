import { describe, expect, it } from 'vitest';
import { KEY, setup, start, status } from '../../../../test/support/tacacs-session';
import { AuthenStatus, AuthenType } from '../codec/constants';
import { decodePacket, encodePacket } from '../codec/packet';
import type { TraceInput } from '../../trace/types';
import type { HandleResult } from './packet-handler';

// What the hot path promises about allocation and identity (the figures in bench/tacacs-handler.ts
// rest on these): behaviour is specified in session.test.ts; this file says how cheaply it is done.

const papStart = (sessionId: number) =>
  encodePacket(
    { major: 0xc, minor: 1, seqNo: 1, flags: 0, sessionId },
    start(AuthenType.PAP, 'alice', Buffer.from('alice-pass')),
    KEY,
  );

function recording() {
  const { h, ctx } = setup();
  const raw: TraceInput[] = [];
  const sink = ctx.trace.append.bind(ctx.trace);
  ctx.trace.append = (t) => (raw.push(t), sink(t));
  return { h, raw };
}

describe('TACACS+ hot-path performance contract', () => {
  it('answers a local PAP check synchronously, with no promise', () => {
    const { h } = recording();
    const r = h.handle(papStart(77));
    expect(r).not.toBeInstanceOf(Promise);
    expect(status(decodePacket((r as HandleResult).out!, KEY).body)).toBe(AuthenStatus.PASS);
  });

  it('hands the trace dissection thunks, not field trees', () => {
    const { h, raw } = recording();
    h.handle(papStart(77));
    expect(raw.map((t) => typeof t.dissection)).toEqual(['function', 'function']);
  });

  it('shares one thunk per shape across sessions, and keeps the session id a number', () => {
    const { h, raw } = recording();
    h.handle(papStart(77));
    h.handle(papStart(78));
    expect(raw[2]!.dissection).toBe(raw[0]!.dissection);
    expect(raw[3]!.dissection).toBe(raw[1]!.dissection);
    expect(raw.map((t) => t.sessionId)).toEqual([77, 77, 78, 78]);
  });

  it('keeps a one-packet session out of the session map', () => {
    const { h } = recording();
    h.handle(papStart(79));
    expect(h.sessions.size).toBe(0);
  });
});
