import { describe, expect, it } from 'vitest';
import type { CoaRule } from '../../config/schema';
import { buildAttributes } from '../codec/build';
import { CODES } from '../codec/constants';
import { decodeMessage } from '../codec/message';
import { secretBytes, signRequest } from '../codec/sign';
import { bundledDictionary } from '../dictionary/load';
import { decideCoa } from './rules';

const dict = bundledDictionary().dictionary;
const causes = dict.byName('Error-Cause')!.valueNames;
const causeName = (n: number): string | undefined => causes.get(n);

function request(code: number, pairs: Array<{ name: string; value: string }>) {
  return decodeMessage(signRequest(code, 1, buildAttributes(pairs, dict), secretBytes('s')), dict);
}

describe('decideCoa names the rule that decided and what it did', () => {
  const rules: CoaRule[] = [
    { if: { has: 'Framed-IP-Netmask' }, then: { nak: 407 } },
    { if: { attribute: 'User-Name', equals: 'slow' }, then: { ack: true, delayMs: 300 } },
    { if: { code: 'Disconnect-Request', unknownSession: true }, then: 'drop' },
  ];

  it('a NAK rule gives its index, conditions and Error-Cause code and name', () => {
    const m = request(CODES['CoA-Request'], [{ name: 'Framed-IP-Netmask', value: '255.255.255.0' }]);
    const a = decideCoa(rules, m, () => false, causeName);
    expect(a).toMatchObject({ kind: 'nak', errorCause: 407 });
    expect(a.reason).toBe('rule 1: has Framed-IP-Netmask → NAK 407 Invalid-Attribute-Value');
  });

  it('a delayed ACK, a drop and the default each say so', () => {
    const slow = decideCoa(rules, request(43, [{ name: 'User-Name', value: 'slow' }]), () => false);
    expect(slow.reason).toBe('rule 2: User-Name = slow → ACK after 300 ms');
    const gone = decideCoa(rules, request(40, [{ name: 'Acct-Session-Id', value: 'x' }]), () => false);
    expect(gone.reason).toBe('rule 3: code Disconnect-Request, unknown Acct-Session-Id → drop (no reply)');
    const none = decideCoa(rules, request(40, [{ name: 'Acct-Session-Id', value: 'x' }]), () => true);
    expect(none).toMatchObject({ kind: 'ack', reason: 'no rule matched → ACK (default)' });
  });

  it('an Error-Cause the dictionary does not name is shown as its number', () => {
    const m = request(43, [{ name: 'Framed-IP-Netmask', value: '255.0.0.0' }]);
    expect(decideCoa([{ then: { nak: 499 } }], m, () => false, causeName).reason).toBe(
      'rule 1: any request → NAK 499',
    );
  });
});
