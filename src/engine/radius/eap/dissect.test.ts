import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeEap } from './codec';
import { dissectEap } from './dissect';

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const field = (nodes: ReturnType<typeof dissectEap>, label: string) => nodes.find((n) => n.label === label);

describe('EAP field tree', () => {
  it('PEAP start: S flag and version 0 (RFC 5216 §3.1 flags, PEAPv0)', () => {
    const t = dissectEap(hex('01 02 0006 19 20'));
    expect(field(t, 'Type')?.value).toBe('PEAP (25)');
    expect(field(t, 'Flags')?.value).toBe('0x20 S, version 0');
    expect(field(t, 'TLS data')).toBeUndefined();
  });

  it('EAP-TLS first fragment: L and M, the TLS Message Length, the fragment marked', () => {
    const data = Buffer.concat([hex('c0 00000800'), Buffer.alloc(20)]);
    const t = dissectEap(encodeEap({ code: 2, identifier: 3, type: 13, typeData: data }));
    expect(field(t, 'Flags')?.value).toBe('0xc0 L M');
    expect(field(t, 'TLS Message Length')).toMatchObject({ value: '2048', offset: 6, length: 4 });
    expect(field(t, 'TLS data')).toMatchObject({
      value: expect.stringMatching(/^20 bytes \(fragment, more follow\)/),
      offset: 10,
    });
  });

  it('TLS data carries the record summary: an alert from the supplicant', () => {
    const t = dissectEap(hex('02 07 000d 19 00 15 0303 0002 02 30'));
    expect(field(t, 'TLS data')?.value).toBe('7 bytes (complete): Alert fatal unknown_ca');
    expect(field(t, 'TLS data')?.children?.[0]).toMatchObject({
      label: 'Alert record',
      offset: 6,
      length: 7,
    });
  });

  it('an empty TTLS response is an acknowledgement', () => {
    expect(field(dissectEap(hex('02 05 0006 15 00')), 'TLS data')?.value).toBe('0 bytes (acknowledgement)');
  });

  it('a GTC response is the password: hidden unless revealed', () => {
    const b = encodeEap({ code: 2, identifier: 1, type: 6, typeData: Buffer.from('alice-pass') });
    expect(field(dissectEap(b), 'Response')).toMatchObject({ value: 'hidden (10 bytes)', secret: true });
    expect(field(dissectEap(b, true), 'Response')?.value).toContain('"alice-pass"');
  });

  it('Nak and MD5 fields', () => {
    expect(field(dissectEap(hex('02 01 0007 03 0d 19')), 'Desired types')?.value).toBe(
      'EAP-TLS (13), PEAP (25)',
    );
    const md5 = dissectEap(Buffer.concat([hex('01 01 0016 04 10'), Buffer.alloc(16, 0xab)]));
    expect(field(md5, 'Value')?.value).toBe('ab'.repeat(16));
  });

  it('never throws; offsets stay inside the packet', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (u) => {
        const b = Buffer.from(u);
        for (const n of dissectEap(b)) expect(n.offset + n.length).toBeLessThanOrEqual(Math.max(b.length, 2));
      }),
      { seed: 5216, numRuns: 3000 },
    );
  });
});
