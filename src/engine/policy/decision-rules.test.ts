import { describe, expect, it } from 'vitest';
import { allow, deny, type Decision } from './decision';
import { enableDecision } from './enable';

const granted = (privLvl: number): Decision =>
  allow(['device sw1', 'user alice', 'password ok'], { user: 'alice', groups: ['ops'], privLvl });

describe('enable (RFC 8907 §5.4.2.1): the groups must reach the requested priv-lvl', () => {
  it.each([
    // [groups allow, requested, allowed?, last reason]
    [15, 15, true, 'priv-lvl 15 requested, groups allow 15'],
    [15, 7, true, 'priv-lvl 7 requested, groups allow 15'],
    [7, 15, false, 'priv-lvl 15 requested but groups allow only 7'],
    [0, 1, false, 'priv-lvl 1 requested but groups allow only 0'],
  ])('groups allow %i, %i requested → allow %s', (have, wanted, allowed, reason) => {
    const d = enableDecision(granted(have), wanted);
    expect(d.allow).toBe(allowed);
    expect(d.reasons.at(-1)).toBe(reason);
    expect(d.user).toBe('alice');
  });

  it('replaces the verdict of a denial by privilege, keeping the steps before it', () => {
    expect(enableDecision(granted(1), 15).reasons).toEqual([
      'device sw1',
      'user alice',
      'priv-lvl 15 requested but groups allow only 1',
    ]);
  });

  it('leaves a failed password as it was', () => {
    const failed = deny(['device sw1', 'user alice', 'bad password']);
    expect(enableDecision(failed, 15)).toBe(failed);
  });
});
