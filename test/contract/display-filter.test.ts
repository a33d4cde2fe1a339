import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceRow } from '../../src/contract/trace';
import { compileFilter, DisplayFilterError, type FilterSubject } from '../../src/contract/display-filter';

const row = (over: Partial<TraceRow> = {}): TraceRow => ({
  id: 7,
  timeUs: new Date(2026, 11, 7, 12, 4, 5).getTime() * 1000 + 250_000,
  protocol: 'tacacs',
  direction: 'in',
  transport: 'tcp',
  role: 'server',
  local: { address: '127.0.0.1', port: 49 },
  remote: { address: '10.1.2.3', port: 40000 },
  summary: 'Authen START PAP bob',
  length: 40,
  ...over,
});

const bob = row({
  user: 'bob',
  result: 'fail',
  device: 'core-sw1',
  sessionId: '0x5fa28bb9',
  latencyUs: 2500,
});
const alice = row({ id: 8, user: 'alice', result: 'pass', sessionId: '0x00000001' });
const acct: FilterSubject = {
  row: row({ protocol: 'radius-acct', user: 'carol', sessionId: 'S1' }),
  field: (name) =>
    ({ 'acct-session-id': ['S1'], 'acct-status-type': ['Start'], 'acct-input-octets': ['5000'] })[
      name.toLowerCase()
    ],
};
const matches = (src: string, s: FilterSubject | TraceRow) =>
  compileFilter(src).test('row' in s ? s : { row: s });

describe('display filter', () => {
  it.each([
    ['tacacs.user == "bob" && result == fail', bob, true],
    ['tacacs.user == "bob" && result == fail', alice, false],
    ['user ~ "bo"', bob, true],
    ['user ~ "^bo"', alice, false],
    ['user contains "LIC"', alice, true],
    ['user == bob || user == alice', alice, true],
    ['!(user == bob)', alice, true],
    ['not user == bob and result == pass', alice, true],
    ['session == 0x5fa28bb9', bob, true],
    ['session == 1604488121', bob, true],
    ['tacacs.session_id == 0x5FA28BB9', bob, true],
    ['session == 0x5fa28bb8', bob, false],
    ['device == core-sw1', bob, true],
    ['tacacs', bob, true],
    ['radius', bob, false],
    ['radius.user == bob', bob, false],
    ['latency > 2ms && latency <= 2500us', bob, true],
    ['time >= 12:04 && time < 12:04:05.5', bob, true],
    ['time > 12:05', bob, false],
    ['user != carol', row(), true],
    ['addr == 10.1.2.3 && port > 1024', bob, true],
    ['radius.Acct-Session-Id == "S1"', acct, true],
    ['radius.acct-status-type == start && radius.Acct-Input-Octets > 4096', acct, true],
    ['radius.Acct-Session-Id == "S2"', acct, false],
    ['radius.Acct-Session-Id != "S2"', acct, true],
    ['radius.Class', acct, false],
    ['tacacs.Acct-Session-Id == "S1"', acct, false],
  ] as const)('%s → %s', (src, subject, want) => {
    expect(matches(src, subject)).toBe(want);
  });

  it('says which filters need the packet bytes (evaluated by the engine)', () => {
    expect(compileFilter('user == bob').needsRecord).toBe(false);
    expect(compileFilter('user == bob || radius.Class').needsRecord).toBe(true);
  });

  it.each([
    ['user = bob', 5, /write "=="/],
    ['user == ', 8, /expected a value after "==", found the end/],
    ['(user == bob', 0, /"\(" here is not closed/],
    ['user == bob)', 11, /has no "\("/],
    ['usr == bob', 0, /unknown field "usr"/],
    ['result == failed', 10, /result is one of pass, fail/],
    ['user ~ "("', 7, /not a valid regular expression/],
    ['latency > fast', 10, /latency such as 5ms/],
    ['time > noon', 7, /time such as 12:04:05/],
    ['user == "bob', 8, /no closing "/],
    ['user > bob', 7, /user is text/],
    ['', 0, /empty/],
    ['user == bob &&', 14, /expected a field name/],
  ])('%j is refused at column %i', (src, at, message) => {
    let err: unknown;
    try {
      compileFilter(src);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DisplayFilterError);
    expect((err as DisplayFilterError).at).toBe(at);
    expect((err as DisplayFilterError).message).toMatch(message);
  });

  it('throws only DisplayFilterError, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (src) => {
        try {
          compileFilter(src).test({ row: bob });
        } catch (e) {
          expect(e).toBeInstanceOf(DisplayFilterError);
        }
      }),
    );
  });

  it('&&, || and ! follow boolean algebra (De Morgan, precedence of && over ||)', () => {
    const atoms = ['user == bob', 'result == pass', 'tacacs', 'session == 1', 'latency > 1ms'];
    const subjects = [bob, alice, acct.row, row()];
    fc.assert(
      fc.property(
        fc.constantFrom(...atoms),
        fc.constantFrom(...atoms),
        fc.constantFrom(...atoms),
        (a, b, c) => {
          for (const s of subjects) {
            const [x, y, z] = [a, b, c].map((f) => matches(f, s));
            expect(matches(`${a} || ${b} && ${c}`, s)).toBe(x || (y && z));
            expect(matches(`!(${a} && ${b})`, s)).toBe(matches(`!(${a}) || !(${b})`, s));
            expect(matches(`!!(${a})`, s)).toBe(x);
          }
        },
      ),
    );
  });
});
