import { describe, expect, it } from 'vitest';
import { idUserText, internDecision } from './intern';

describe('interned trace text', () => {
  it('idUserText formats "prefix id=N user suffix" and returns one shared copy', () => {
    expect(idUserText('Access-Request', 17, 'alice', ' PAP')).toBe('Access-Request id=17 alice PAP');
    expect(idUserText('Access-Request', 17, '', ' PAP')).toBe('Access-Request id=17  PAP');
    expect(idUserText('Access-Accept', 0, 'bob', '')).toBe('Access-Accept id=0 bob');
    const user = ['al', 'ice'].join(''); // a fresh string, as decoded from a packet
    expect(idUserText('Access-Request', 17, user, ' PAP')).toBe(
      idUserText('Access-Request', 17, 'alice', ' PAP'),
    );
    expect(idUserText('Access-Request', 18, 'alice', ' PAP')).toBe('Access-Request id=18 alice PAP');
  });

  it('stays bounded and correct when many users pass through', () => {
    for (let i = 0; i < 10_000; i++)
      expect(idUserText('Access-Request', i & 255, `u${i}`, ' PAP')).toBe(
        `Access-Request id=${i & 255} u${i} PAP`,
      );
  });

  it('internDecision keys a frozen reasons array by identity and a mutable one by content', () => {
    const frozen = Object.freeze(['device lab', 'user alice', 'authentication passed']);
    const a = internDecision(true, frozen);
    expect(internDecision(true, frozen)).toBe(a);
    expect(internDecision(true, [...frozen])).toBe(a);
    expect(internDecision(false, frozen)).not.toBe(a);
    expect(internDecision(false, frozen).allow).toBe(false);
    expect(a).toEqual({ allow: true, reasons: [...frozen] });
  });
});
