import { describe, expect, it } from 'vitest';
import { idUserText } from './summary-text';

describe('"prefix id=N user suffix" summaries', () => {
  it('formats the text', () => {
    expect(idUserText('Access-Request', 17, 'alice', ' PAP')).toBe('Access-Request id=17 alice PAP');
    expect(idUserText('Access-Request', 17, '', ' PAP')).toBe('Access-Request id=17  PAP');
    expect(idUserText('Access-Accept', 0, 'bob', '')).toBe('Access-Accept id=0 bob');
    const user = ['al', 'ice'].join(''); // a fresh string, as decoded from a packet
    expect(idUserText('Access-Request', 17, user, ' PAP')).toBe('Access-Request id=17 alice PAP');
    expect(idUserText('Access-Request', 18, 'alice', ' PAP')).toBe('Access-Request id=18 alice PAP');
  });

  it('stays bounded and correct when many users pass through', () => {
    for (let i = 0; i < 10_000; i++)
      expect(idUserText('Access-Request', i & 255, `u${i}`, ' PAP')).toBe(
        `Access-Request id=${i & 255} u${i} PAP`,
      );
  });
});
