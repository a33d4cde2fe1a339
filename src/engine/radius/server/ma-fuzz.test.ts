import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureLab, testContext } from '../../../../test/peers/radius-lab';
import { MA_FAULTS, attrBytes, faultyRaw } from '../../../../test/support/ma-packets';
import { CoaResponder } from '../coa/coa-responder';
import { RadiusCore } from './core';
import type { Inbound } from './request-context';

/**
 * Property fuzzing of the server's attribute handling: any well-framed request — any code the server
 * takes, any attributes (types, lengths, values, VSAs) — carrying a Message-Authenticator that cannot
 * be verified (length ≠ 18, wrong value, more than one) gets no reply, on every listener and from
 * the CoA responder, and is traced as a drop. Correct Request Authenticators, so nothing else is wrong.
 */
const attr = fc
  .tuple(
    fc.integer({ min: 1, max: 255 }).filter((t) => t !== 80),
    fc.uint8Array({ minLength: 0, maxLength: 40 }),
  )
  .map(([t, v]) => attrBytes(t, Buffer.from(v)));
const request = fc.record({
  code: fc.constantFrom(1, 4, 12, 40, 43),
  id: fc.integer({ min: 0, max: 255 }),
  auth: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  attrs: fc.array(attr, { maxLength: 30 }),
  fault: fc.constantFrom(...MA_FAULTS, 'length:1' as const, 'length:100' as const),
  at: fc.nat(30),
  listener: fc.constantFrom('auth' as const, 'acct' as const, 'radsec' as const),
});

describe('RADIUS server attribute fuzzing: unverifiable Message-Authenticator', () => {
  it('never gets a reply, whatever the code, attributes and listener', async () => {
    const ctx = testContext(fixtureLab());
    const coa = new CoaResponder(ctx);
    const core = new RadiusCore(ctx, (m, inb, s, d) => coa.respond(m, inb, s, d));
    const replies: Buffer[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const secret = r.listener === 'radsec' ? 'radsec' : 'testing123';
        const bytes = faultyRaw(
          r.code,
          r.id,
          Buffer.from(r.auth),
          r.attrs,
          r.fault,
          secret,
          Math.min(r.at, r.attrs.length),
        );
        const inb: Inbound = {
          bytes,
          local: { address: '127.0.0.1', port: 1812 },
          remote: { address: '127.0.0.1', port: 40000 + (n++ % 20000) },
          transport: r.listener === 'radsec' ? 'tls' : 'udp',
          listener: r.listener,
          send: (b) => void replies.push(b),
          ...(r.listener === 'radsec' ? { fixedSecret: ctx.lab().config.radius!.radsec!.secret } : {}),
        };
        const before = ctx.traces.length;
        await core.handle(inb);
        if (r.code === 40 || r.code === 43)
          await coa.handle({ ...inb, listener: 'auth', fixedSecret: undefined });
        expect(replies).toEqual([]);
        expect(ctx.traces.slice(before).every((t) => t.result === 'drop')).toBe(true);
      }),
      { numRuns: 1500, seed: 0x3579 },
    );
  }, 60_000);
});
