import { describe, expect, it } from 'vitest';
import { checkStep, type StepOutcome } from './expect';

const reply = (o: Partial<StepOutcome>): StepOutcome => ({
  status: 'Access-Accept',
  pass: true,
  serverMsg: '',
  attributes: [],
  latencyMs: 3,
  ...o,
});

describe('checkStep', () => {
  it('checks status words and names, saying what came instead', () => {
    expect(checkStep({ status: 'accept' }, reply({}))).toEqual([
      { field: 'status', expected: 'accept', actual: 'Access-Accept', ok: true },
    ]);
    expect(checkStep({ status: 'no-reply' }, reply({ status: undefined, pass: false }))[0]!.ok).toBe(true);
    expect(checkStep({ status: 'fail' }, reply({}))[0]).toMatchObject({ ok: false, actual: 'Access-Accept' });
  });

  it('matches attributes by equals, contains, regex and absent', () => {
    const got = reply({
      attributes: [
        ['Cisco-AVPair', 'shell:priv-lvl=15'],
        ['Class', 'abc'],
      ],
    });
    const out = checkStep(
      {
        attributes: [
          'Class=abc',
          { name: 'cisco-avpair', contains: 'priv-lvl' },
          { name: 'Cisco-AVPair', regex: '=1$' },
          { name: 'Reply-Message', absent: true },
          { name: 'Class', absent: true },
          { name: 'Filter-Id' },
        ],
      },
      got,
    );
    expect(out.map((a) => a.ok)).toEqual([true, true, false, true, false, false]);
    expect(out[2]).toMatchObject({ expected: 'matches /=1$/', actual: '"shell:priv-lvl=15"' });
    expect(out[5]).toMatchObject({ expected: 'present', actual: 'absent' });
  });

  it('checks Error-Cause by number or RFC 5176 name, the server message and the latency bound', () => {
    const nak = reply({
      status: 'CoA-NAK',
      pass: false,
      attributes: [['Error-Cause', 'Invalid-Attribute-Value (407)']],
    });
    expect(checkStep({ errorCause: 407 }, nak)[0]).toMatchObject({
      ok: true,
      actual: 'Invalid-Attribute-Value (407)',
    });
    expect(checkStep({ errorCause: 'Missing-Attribute' }, nak)[0]).toMatchObject({
      ok: false,
      expected: 'Missing-Attribute (402)',
    });
    expect(checkStep({ errorCause: 407 }, reply({}))[0]).toMatchObject({ ok: false, actual: 'absent' });
    expect(checkStep({ serverMsg: { regex: '^Wel' } }, reply({ serverMsg: 'Welcome' }))[0]!.ok).toBe(true);
    expect(checkStep({ maxLatencyMs: 2 }, reply({}))[0]).toMatchObject({ ok: false, actual: '3.0 ms' });
  });
});
