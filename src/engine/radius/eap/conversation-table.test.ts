import { describe, expect, it } from 'vitest';
import { Conversation } from './conversation';
import { ConversationTable, DEFAULT_EAP_LIMITS, type DropReason, type EapLimits } from './conversation-table';
import { deny } from '../../policy/decision';

const conv = () =>
  new Conversation(
    {
      deviceStep: 'device sw1',
      offer: ['md5'],
      methodContext: {
        policy: {
          authenticate: () => Promise.resolve(deny(['x'])),
          authorizeIdentity: () => Promise.resolve(deny(['x'])),
        },
      },
      maxRounds: 10,
    },
    0,
  );

function table(limits: Partial<EapLimits>) {
  let t = 1000;
  const drops: Array<[DropReason, string]> = [];
  const tab = new ConversationTable(
    () => ({ ...DEFAULT_EAP_LIMITS, ...limits }),
    (_e, reason, text) => drops.push([reason, text]),
    () => t,
  );
  return { tab, drops, advance: (ms: number) => (t += ms) };
}

describe('EAP conversation table', () => {
  it('drops a conversation idle past the round timeout and remembers why', () => {
    const { tab, drops, advance } = table({ roundTimeoutMs: 5000 });
    const a = tab.create('sw1', conv());
    advance(3000);
    const b = tab.create('sw1', conv());
    advance(2500);
    expect(tab.get(a.state)).toMatchObject({ reason: 'round-timeout' });
    expect(tab.get(b.state)).toBe(b);
    expect(drops).toHaveLength(1);
    expect(drops[0]![1]).toMatch(/no EAP-Response within 5 s .*dot1x timeout too short/);
    tab.close();
  });

  it('touch restarts the round timeout; the lifetime still ends it', () => {
    const { tab, advance } = table({ roundTimeoutMs: 5000, lifetimeMs: 12_000 });
    const a = tab.create('sw1', conv());
    for (let i = 0; i < 2; i++) {
      advance(4000);
      expect(tab.get(a.state)).toBe(a);
      tab.touch(a);
    }
    advance(4001);
    expect(tab.get(a.state)).toMatchObject({ reason: 'lifetime' });
    tab.close();
  });

  it('evicts the oldest of a device over maxPerDevice, and the oldest overall over maxConversations', () => {
    const { tab, drops } = table({ maxPerDevice: 2, maxConversations: 3 });
    const a = tab.create('sw1', conv());
    tab.create('sw1', conv());
    tab.create('sw1', conv());
    expect(tab.get(a.state)).toMatchObject({ reason: 'evicted-device' });
    const c = tab.create('sw2', conv());
    tab.create('sw3', conv());
    expect(tab.size).toBe(3);
    expect(drops.map((d) => d[0])).toEqual(['evicted-device', 'evicted-total']);
    expect(tab.get(c.state)).toBe(c);
    tab.close();
  });

  it('a busy conversation is neither expired nor evicted', () => {
    const { tab, advance } = table({ roundTimeoutMs: 1000, maxConversations: 1 });
    const a = tab.create('sw1', conv());
    a.busy = true;
    advance(5000);
    expect(tab.get(a.state)).toBe(a);
    tab.create('sw1', conv());
    expect(tab.get(a.state)).toBe(a);
    tab.close();
  });

  it('finished conversations leave without a drop, remembered as finished', () => {
    const { tab, drops } = table({});
    const a = tab.create('sw1', conv());
    tab.finish(a, 'Access-Accept');
    expect(tab.get(a.state)).toMatchObject({ reason: 'finished' });
    expect(drops).toEqual([]);
    expect(tab.size).toBe(0);
  });

  it('keeps the idle order when the newest conversation is touched again', () => {
    const { tab, drops, advance } = table({ roundTimeoutMs: 5000 });
    const a = tab.create('sw1', conv());
    advance(1000);
    const b = tab.create('sw1', conv());
    advance(1000);
    tab.touch(a); // a after b now
    tab.touch(a); // already the newest
    advance(4500); // b idle 5500 ms, a 4500 ms
    expect(tab.get(b.state)).toMatchObject({ reason: 'round-timeout' });
    expect(tab.get(a.state)).toBe(a);
    const c = tab.create('sw1', conv());
    tab.touch(c);
    advance(1000); // a idle 5500 ms, c 1000 ms
    tab.sweep();
    expect(drops.map((d) => d[0])).toEqual(['round-timeout', 'round-timeout']);
    expect(tab.get(c.state)).toBe(c);
    tab.close();
  });

  it('finds a conversation only by its whole State, live or ended', () => {
    const { tab } = table({});
    const a = tab.create('sw1', conv());
    const b = tab.create('sw1', conv());
    expect(a.state).toHaveLength(16);
    const forged = Buffer.from(a.state);
    forged[15] = forged[15]! ^ 1; // same table key (first 6 bytes), another State
    expect(tab.get(Buffer.from(a.state))).toBe(a);
    expect(tab.get(forged)).toBeUndefined();
    expect(tab.get(a.state.subarray(0, 8))).toBeUndefined();
    tab.finish(a, 'Access-Accept');
    expect(tab.get(Buffer.from(a.state))).toMatchObject({ reason: 'finished', text: 'Access-Accept' });
    expect(tab.get(forged)).toBeUndefined();
    expect(tab.get(b.state)).toBe(b);
    tab.close();
  });
});
