import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundledDictionary } from './load';
import { loadDictionaries, parseDictionaryText } from './parser';

describe('bundled dictionaries', () => {
  const { dictionary, warnings, files } = bundledDictionary();
  it('load without warnings and cover the vendors the lab needs', () => {
    expect(warnings).toEqual([]);
    expect(files.length).toBeGreaterThan(20);
    for (const v of [
      'Cisco',
      'Juniper',
      'Microsoft',
      'Aruba',
      'Arista',
      'HP',
      'Fortinet',
      'PaloAlto',
      'Extreme',
      'FreeRADIUS',
      'WISPr',
    ]) {
      expect(dictionary.vendorByName(v), v).toBeDefined();
    }
    expect(dictionary.byName('Cisco-AVPair')?.key).toBe('26.9.1');
    expect(dictionary.byName('MS-CHAP2-Response')?.key).toBe('26.311.25');
    expect(dictionary.byName('Tunnel-Password')).toMatchObject({ encrypt: 2, hasTag: true });
    expect(dictionary.byName('user-password')).toMatchObject({ encrypt: 1 });
    expect(dictionary.byName('Frag-Status')).toMatchObject({ key: '241.1', extended: 241 });
    expect(dictionary.byName('Error-Cause')?.values.get('Invalid-Attribute-Value')).toBe(407);
  });

  // Numbers and types must agree with FreeRADIUS where both define a name (our files are our own).
  const fr = '/usr/share/freeradius/dictionary';
  it.skipIf(!existsSync(fr) && process.env.AAA_LAB_ALLOW_MISSING_PEERS === '1')(
    'agree with FreeRADIUS 3 on every shared name',
    () => {
      if (!existsSync(fr)) throw new Error('freeradius not installed (/usr/share/freeradius missing)');
      const theirs = loadDictionaries([fr]).dictionary;
      const mismatches: string[] = [];
      let compared = 0;
      for (const def of dictionary.attributes()) {
        const t = theirs.byName(def.name);
        if (!t) continue;
        compared++;
        if (t.key !== def.key || t.type !== def.type)
          mismatches.push(`${def.name}: ours ${def.key} ${def.type}, FreeRADIUS ${t.key} ${t.type}`);
        for (const [name, n] of def.values) {
          const theirN = t.values.get(name);
          if (theirN !== undefined && theirN !== n)
            mismatches.push(`${def.name} ${name}: ours ${n}, FreeRADIUS ${theirN}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(300);
    },
  );
});

describe('parser', () => {
  it('handles $INCLUDE, VENDOR format=, BEGIN-VENDOR, VALUE before ATTRIBUTE, flags, hex numbers', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dict-'));
    writeFileSync(join(dir, 'dictionary'), '$INCLUDE dictionary.acme\nATTRIBUTE\tUser-Name\t1\tstring\n');
    writeFileSync(
      join(dir, 'dictionary.acme'),
      [
        'VENDOR Acme 0x10 format=2,2',
        'VALUE Acme-Mode Fast 0x2',
        'BEGIN-VENDOR Acme',
        'ATTRIBUTE Acme-Mode 0x101 integer',
        'ATTRIBUTE Acme-Secret 2 octets[16] encrypt=2',
        'ATTRIBUTE Acme-Tagged 3 string has_tag',
        'END-VENDOR Acme',
      ].join('\n'),
    );
    const r = loadDictionaries([dir]);
    expect(r.warnings).toEqual([]);
    expect(r.dictionary.vendor(16)).toMatchObject({ typeLength: 2, lengthLength: 2 });
    expect(r.dictionary.byName('Acme-Mode')).toMatchObject({ key: '26.16.257', code: 257 });
    expect(r.dictionary.byName('Acme-Mode')?.values.get('Fast')).toBe(2);
    expect(r.dictionary.byName('Acme-Secret')).toMatchObject({ encrypt: 2, size: 16 });
    expect(r.dictionary.byName('Acme-Tagged')?.hasTag).toBe(true);
  });

  it('reports unknown or unusable lines with file:line and keeps going', () => {
    const text = [
      'ATTRIBUTE Good 1 string',
      'FROB x y',
      'ATTRIBUTE Bad 2 nosuchtype',
      'ATTRIBUTE Worse 300 string',
      'VALUE Nope X 1',
      'ATTRIBUTE Fine 3 integer odd_flag',
      'BEGIN-VENDOR Ghost',
      '$INCLUDE missing.dict',
    ].join('\n');
    const r = parseDictionaryText(text, 'test.dict', mkdtempSync(join(tmpdir(), 'dict-')));
    const lines = r.warnings.map((w) => `${w.file.split('/').pop()}:${w.line}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'test.dict:2',
        'test.dict:3',
        'test.dict:4',
        'test.dict:5',
        'test.dict:6',
        'test.dict:7',
        'test.dict:8',
      ]),
    );
    expect(r.dictionary.byName('Good')).toBeDefined();
    expect(r.dictionary.byName('Fine')).toBeDefined();
    expect(r.dictionary.byName('Bad')).toBeUndefined();
  });

  it('parses RFC 6929 extended, EVS vendor blocks and TLVs', () => {
    const text = [
      'ATTRIBUTE Extended-Attribute-1 241 extended',
      'ATTRIBUTE Extended-Attribute-5 245 long-extended',
      'ATTRIBUTE Extended-Vendor-Specific-1 241.26 evs',
      'ATTRIBUTE Ext-Str 241.7 string',
      'ATTRIBUTE Long-Str 245.1 octets',
      'ATTRIBUTE Ext-Tlv 241.8 tlv',
      'ATTRIBUTE Ext-Tlv-A 241.8.1 integer',
      'VENDOR Acme 99',
      'BEGIN-VENDOR Acme format=Extended-Vendor-Specific-1',
      'ATTRIBUTE Acme-Ext 5 ipv6prefix',
      'END-VENDOR Acme',
    ].join('\n');
    const r = parseDictionaryText(text);
    expect(r.warnings).toEqual([]);
    expect(r.dictionary.byName('Acme-Ext')?.key).toBe('241.26.99.5');
    expect(r.dictionary.byName('Ext-Tlv-A')?.key).toBe('241.8.1');
    expect(r.dictionary.byName('Long-Str')?.extended).toBe(245);
  });

  it('never throws on garbage', () => {
    const garbage = readFileSync(__filename, 'utf8');
    expect(() => parseDictionaryText(garbage)).not.toThrow();
  });
});
