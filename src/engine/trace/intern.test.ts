import { describe, expect, it } from 'vitest';
import { internDecision } from './intern';

describe('interned trace decisions', () => {
  it('keys a frozen reasons array by identity and a mutable one by content', () => {
    const frozen = Object.freeze(['device lab', 'user alice', 'authentication passed']);
    const a = internDecision({ allow: true, reasons: frozen });
    expect(internDecision({ allow: true, reasons: frozen })).toBe(a);
    expect(internDecision({ allow: true, reasons: [...frozen] })).toBe(a);
    expect(internDecision({ allow: false, reasons: frozen })).not.toBe(a);
    expect(internDecision({ allow: false, reasons: frozen }).allow).toBe(false);
    expect(a).toEqual({ allow: true, reasons: [...frozen] });
  });

  it('keeps a copy: the decision handed in is neither kept nor changed nor frozen', () => {
    const policy = { allow: false, reasons: ['device lab', 'user eve'], groups: [] as string[] };
    const shared = internDecision(policy);
    expect(shared).not.toBe(policy);
    expect(shared).toEqual({ allow: false, reasons: ['device lab', 'user eve'] });
    expect(Object.isFrozen(policy) || Object.isFrozen(policy.reasons) || Object.isFrozen(shared)).toBe(false);
    policy.reasons.push('later step');
    expect(shared.reasons).toEqual(['device lab', 'user eve']);
  });

  it('stays correct when the table restarts after many distinct decisions', () => {
    const first = internDecision({ allow: true, reasons: ['user u0'] });
    for (let i = 1; i < 10_000; i++)
      expect(internDecision({ allow: true, reasons: [`user u${i}`] }).reasons).toEqual([`user u${i}`]);
    expect(internDecision({ allow: true, reasons: ['user u0'] })).toEqual(first);
  });
});
