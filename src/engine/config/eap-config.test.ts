import { describe, expect, it } from 'vitest';
import { fixturePath } from '../../../test/support/fixtures';
import { eapLimits, eapTlsSettings } from '../radius/eap/settings';
import { ConfigError, loadLabFile, parseLab } from './load';

function errorsOf(text: string) {
  try {
    parseLab(text, { baseDir: '/nonexistent', env: {} });
  } catch (e) {
    if (e instanceof ConfigError) return e.errors;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('radius.eap in the lab file', () => {
  it('loads lab-eap.yaml as-is, files relative to the lab file', async () => {
    const lab = await loadLabFile(fixturePath('lab-eap.yaml'));
    expect(lab.warnings).toEqual([]);
    const eap = lab.config.radius?.eap;
    expect(eap?.methods).toEqual(['peap', 'ttls', 'tls', 'md5', 'gtc']);
    expect(eap?.tls).toEqual({ minVersion: '1.2', maxVersion: '1.3', resumption: true, fastReconnect: true });
    const tls = eapTlsSettings(lab);
    expect(tls).toMatchObject({
      minVersion: 'TLSv1.2',
      maxVersion: 'TLSv1.3',
      fragmentSize: 1020,
      identityFromCertificate: 'cn',
      resumption: true,
    });
    expect(tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(tls?.ca?.toString()).toContain('BEGIN CERTIFICATE');
    expect(lab.tls.eap?.paths.cert).toBe(fixturePath('tls/server.pem'));
    expect(eapLimits(lab)).toMatchObject({ maxRounds: 64, roundTimeoutMs: 30_000 });
  });

  it('without radius.eap there are no EAP settings', async () => {
    const lab = await loadLabFile(fixturePath('lab.yaml'));
    expect(lab.config.radius?.eap).toBeUndefined();
    expect(eapTlsSettings(lab)).toBeUndefined();
  });

  it('reads unquoted and TLSv-prefixed versions and resumption; limits default one by one', () => {
    const lab = parseLab(
      'radius:\n  eap:\n    methods: [md5]\n    tls: { minVersion: 1.3, maxVersion: TLSv1.3, resumption: false }\n    limits: { maxRounds: 10 }\n',
      { baseDir: '/nonexistent', env: {} },
    );
    expect(lab.config.radius?.eap?.tls).toEqual({
      minVersion: '1.3',
      maxVersion: '1.3',
      resumption: false,
      fastReconnect: true,
    });
    expect(lab.config.radius?.eap?.limits).toMatchObject({ maxRounds: 10, maxPerDevice: 1024 });
  });

  it('names field and line: unknown method, missing cert for PEAP, bad version, bad limit', () => {
    const errors = errorsOf(
      [
        'radius:',
        '  eap:',
        '    methods: [peap, leap]',
        '    tls: { minVersion: "1.1" }',
        '    limits: { roundTimeoutMs: 5 }',
        '',
      ].join('\n'),
    );
    const at = (path: string) => errors.find((e) => e.path === path);
    expect(at('radius.eap.methods[1]')).toMatchObject({ line: 3 });
    expect(at('radius.eap.tls.minVersion')).toMatchObject({ line: 4, message: 'must be "1.2" or "1.3"' });
    expect(at('radius.eap.limits.roundTimeoutMs')).toMatchObject({ line: 5 });
  });

  it('PEAP without a certificate says so at radius.eap.cert', () => {
    const errors = errorsOf('radius:\n  eap:\n    methods: [peap, md5]\n');
    expect(errors).toContainEqual(
      expect.objectContaining({ path: 'radius.eap.cert', message: 'is required for peap', line: 3 }),
    );
  });

  it('a certificate file that cannot be read is an error at its field', () => {
    const errors = errorsOf('radius:\n  eap:\n    methods: [tls]\n    cert: nope.pem\n    key: nope.key\n');
    expect(errors).toContainEqual(expect.objectContaining({ path: 'radius.eap.cert', line: 4 }));
  });
});
