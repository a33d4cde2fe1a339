import { describe, expect, it } from 'vitest';
import { checkExpectation, splitPair } from './assertions';

const reply = (status: string | undefined, pass: boolean, attributes: Array<[string, string]> = []) => ({
  status,
  pass,
  attributes,
});

describe('checkExpectation', () => {
  it('is empty without an expectation', () => {
    expect(checkExpectation(undefined, reply('PASS', true))).toEqual([]);
  });

  it.each([
    ['pass', reply('PASS_ADD', true), true],
    ['pass', reply('FAIL', false), false],
    ['fail', reply('Access-Reject', false), true],
    ['fail', reply(undefined, false), false],
    ['no-reply', reply(undefined, false), true],
    ['no-reply', reply('CoA-NAK', false), false],
    ['accept', reply('Access-Accept', true), true],
    ['nak', reply('Disconnect-NAK', false), true],
    ['ack', reply('Disconnect-NAK', false), false],
    ['pass_add', reply('PASS_ADD', true), true],
    ['PASS_REPL', reply('PASS_ADD', true), false],
  ] as const)('status %s against %o → %s', (want, got, ok) => {
    expect(checkExpectation({ status: want, attributes: [] }, got)[0]?.ok).toBe(ok);
  });

  it('matches attribute names case-insensitively and values exactly, saying what came instead', () => {
    const got = reply('Access-Accept', true, [
      ['Cisco-AVPair', 'shell:priv-lvl=15'],
      ['Cisco-AVPair', 'x=y'],
    ]);
    const out = checkExpectation(
      {
        attributes: ['cisco-avpair="shell:priv-lvl=15"', 'Cisco-AVPair=shell:priv-lvl=1', 'Class=a', 'junk'],
      },
      got,
    );
    expect(out.map((a) => a.ok)).toEqual([true, false, false, false]);
    expect(out[1]!.detail).toBe('got shell:priv-lvl=15, x=y');
    expect(out[2]!.detail).toBe('no Class in the reply');
  });

  it('splits TACACS+ optional AV pairs too', () => {
    expect(splitPair('priv-lvl*15')).toEqual(['priv-lvl', '15']);
    expect(splitPair(' cmd = ')).toEqual(['cmd', '']);
  });
});

describe('values given as code or name', () => {
  const nak = {
    status: 'CoA-NAK',
    pass: false,
    attributes: [['Error-Cause', 'Invalid-Attribute-Value (407)']] as const,
  };
  it.each([
    'Error-Cause=407',
    'Error-Cause=Invalid-Attribute-Value',
    'error-cause = invalid-attribute-value',
  ])('%s holds against a NAK 407', (want) => {
    expect(checkExpectation({ attributes: [want] }, nak)[0]).toMatchObject({ ok: true });
  });
  it('another code does not', () => {
    expect(checkExpectation({ attributes: ['Error-Cause=404'] }, nak)[0]).toMatchObject({
      ok: false,
      detail: 'got Invalid-Attribute-Value (407)',
    });
  });
});
