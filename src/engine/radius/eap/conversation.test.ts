import { describe, expect, it } from 'vitest';
import { chapResponse } from '../../crypto/chap';
import { deny, type Decision } from '../../policy/decision';
import type { Credentials } from '../../backends/types';
import { decodeEap, encodeEap } from './codec';
import { Conversation, type ConversationSetup, type ConversationStep } from './conversation';
import type { EapMethodFactory, EapPolicy } from './method';
import { METHOD_FACTORIES } from './methods';

const DEVICE = 'device sw1 (10.0.0.0/24)';
const PASSWORDS: Record<string, string> = { alice: 'alice-pass' };

/** The policy's shape over a fixed table: device → user → local verdict → outcome. */
const policy: EapPolicy = {
  authenticate(user: string, c: Credentials): Promise<Decision> {
    const pw = PASSWORDS[user];
    const ok = pw !== undefined && (c.kind === 'password' ? c.password === pw : c.verify(pw));
    const verdict = `local: ${c.kind === 'password' ? 'password' : `${c.method} response`} ${ok ? 'correct' : 'incorrect'} for ${user}`;
    return Promise.resolve(
      ok
        ? {
            allow: true,
            reasons: [DEVICE, `user ${user}`, verdict, 'authentication passed'],
            groups: ['netops'],
            avPairs: [],
            radiusReply: [['Tunnel-Private-Group-Id', '20']],
          }
        : deny([DEVICE, `user ${user}`, verdict, 'authentication failed']),
    );
  },
  authorizeIdentity: () => Promise.resolve(deny(['no certificates here'])),
};

const setup = (offer: ConversationSetup['offer'], maxRounds = 10): ConversationSetup => ({
  deviceStep: DEVICE,
  offer,
  methodContext: { policy },
  maxRounds,
});

const response = (identifier: number, type: number, data: Buffer | string) =>
  decodeEap(encodeEap({ code: 2, identifier, type, typeData: Buffer.from(data) }));

function request(s: ConversationStep) {
  if (s.kind !== 'challenge') throw new Error(`expected a challenge, got ${s.kind}`);
  return decodeEap(s.eap);
}

describe('EAP conversation', () => {
  it('Identity → MD5-Challenge → Success, reasons device → method → user → backend', async () => {
    const c = new Conversation(setup(['md5', 'gtc']), 0);
    const ch = request(await c.handle(response(0, 1, 'alice')));
    expect(ch).toMatchObject({ code: 1, identifier: 1, type: 4 });
    const challenge = ch.typeData.subarray(1, 17);
    const value = chapResponse(ch.identifier, 'alice-pass', challenge);
    const end = await c.handle(response(1, 4, Buffer.concat([Buffer.of(16), value])));
    expect(end.kind).toBe('accept');
    if (end.kind !== 'accept') return;
    expect(decodeEap(end.eap)).toMatchObject({ code: 3, identifier: 1 });
    expect(end.decision.reasons.slice(0, 3)).toEqual([DEVICE, 'EAP method EAP-MD5', 'user alice']);
    expect(c.finished).toBe(true);
  });

  it('a wrong MD5 response is EAP-Failure with a wrong-password diagnosis', async () => {
    const c = new Conversation(setup(['md5']), 5);
    const ch = request(await c.handle(response(5, 1, 'alice')));
    const end = await c.handle(response(ch.identifier, 4, Buffer.concat([Buffer.of(16), Buffer.alloc(16)])));
    expect(end).toMatchObject({
      kind: 'reject',
      diagnosis: 'EAP-MD5 failed for alice: local: EAP-MD5 response incorrect for alice',
    });
    if (end.kind === 'reject')
      expect(decodeEap(end.eap)).toMatchObject({ code: 4, identifier: ch.identifier });
  });

  it('NAK moves to the next preferred method the peer desires (RFC 3748 §5.3.1)', async () => {
    const c = new Conversation(setup(['md5', 'gtc']), 0);
    const md5 = request(await c.handle(response(0, 1, 'alice')));
    const gtc = request(await c.handle(response(md5.identifier, 3, Buffer.of(6))));
    expect(gtc).toMatchObject({ type: 6, typeData: Buffer.from('Password: ') });
    const end = await c.handle(response(gtc.identifier, 6, 'alice-pass'));
    expect(end.kind).toBe('accept');
  });

  it('NAK for a method the lab does not offer ends with a plain diagnosis', async () => {
    const c = new Conversation(setup(['md5', 'gtc']), 0);
    const md5 = request(await c.handle(response(0, 1, 'alice')));
    const end = await c.handle(response(md5.identifier, 3, Buffer.of(25)));
    expect(end.kind).toBe('reject');
    if (end.kind !== 'reject') return;
    expect(end.diagnosis).toMatch(/refused EAP-MD5 \(NAK\) and asked for PEAP; peap is not enabled here/);
    expect(end.decision.reasons.at(-1)).toBe('EAP-Failure');
  });

  it('a NAK after the method has begun is a failure', async () => {
    const c = new Conversation(setup(['gtc', 'md5']), 0);
    const gtc = request(await c.handle(response(0, 1, 'alice')));
    // GTC's only request was answered… by a NAK: allowed. Then a second NAK is not.
    const md5 = request(await c.handle(response(gtc.identifier, 3, Buffer.of(4))));
    expect(md5.type).toBe(4);
    const end = await c.handle(response(md5.identifier, 3, Buffer.of(6)));
    expect(end.kind).toBe('reject');
  });

  it('discards a response whose Identifier does not match (RFC 3748 §4.1)', async () => {
    const c = new Conversation(setup(['md5']), 0);
    const ch = request(await c.handle(response(0, 1, 'alice')));
    const s = await c.handle(response((ch.identifier + 1) & 0xff, 4, Buffer.alloc(17)));
    expect(s).toMatchObject({ kind: 'discard' });
    expect(c.finished).toBe(false);
  });

  it('refuses a conversation over maxRounds', async () => {
    const c = new Conversation(setup(['md5'], 1), 0);
    const ch = request(await c.handle(response(0, 1, 'alice')));
    const end = await c.handle(response(ch.identifier, 4, Buffer.alloc(17)));
    expect(end.kind).toBe('reject');
    if (end.kind === 'reject') expect(end.decision.reasons.join(' ')).toMatch(/over 1 rounds/);
  });

  it('EAP-Start gets Request/Identity; a conversation not opened by Identity fails', async () => {
    const c = new Conversation(setup(['md5']), 0);
    expect(request(c.startIdentity())).toMatchObject({ type: 1, identifier: 1 });
    const bad = new Conversation(setup(['md5']), 0);
    expect((await bad.handle(response(0, 4, Buffer.alloc(17)))).kind).toBe('reject');
  });

  it('no implemented method: failure naming radius.eap.methods', async () => {
    const c = new Conversation(setup([]), 0);
    const end = await c.handle(response(0, 1, 'alice'));
    expect(end.kind === 'reject' && end.decision.reasons.join(' ')).toMatch(/radius\.eap\.methods/);
  });
});

describe('the decision chain of a tunnelled method', () => {
  it("device → EAP method → tunnel steps → user …, the policy's device step not repeated", async () => {
    const tunnel: EapMethodFactory = (ctx) => ({
      type: 25,
      name: 'PEAP',
      start: () => Promise.resolve({ kind: 'request', typeData: Buffer.of(0x20) }),
      step: async () => {
        const d = await ctx.policy.authenticate('alice', { kind: 'password', password: 'alice-pass' });
        return {
          kind: 'success',
          decision: { ...d, reasons: ['PEAP over TLSv1.3', 'outer identity anonymous', ...d.reasons] },
        };
      },
      close: () => undefined,
    });
    const real = METHOD_FACTORIES.peap;
    METHOD_FACTORIES.peap = tunnel;
    try {
      const c = new Conversation(setup(['peap']), 0);
      const start = request(await c.handle(response(0, 1, 'anonymous')));
      const end = await c.handle(response(start.identifier, 25, Buffer.of(0)));
      expect(end.kind === 'accept' && end.decision.reasons).toEqual([
        DEVICE,
        'EAP method PEAP',
        'PEAP over TLSv1.3',
        'outer identity anonymous',
        'user alice',
        'local: password correct for alice',
        'authentication passed',
      ]);
    } finally {
      if (real) METHOD_FACTORIES.peap = real;
      else delete METHOD_FACTORIES.peap;
    }
  });
});
