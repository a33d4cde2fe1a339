import { describe, expect, it } from 'vitest';
import { eapRequestSchema } from '../../../../contract/test-client-eap';
import { defaultEapForm, eapFormFrom, eapRequest } from './eap-forms';
import type { LabPorts } from './forms';

const ports: LabPorts = { host: '127.0.0.1', auth: 21812 };

describe('802.1X (EAP) test client form', () => {
  it('defaults to PEAP against this lab with the outer identity "anonymous"', () => {
    const req = eapRequestSchema.parse(
      eapRequest({ ...defaultEapForm(ports), secret: 'testing123', user: 'alice', password: 'alice-pass' }),
    );
    expect(req).toMatchObject({
      method: 'peap',
      host: '127.0.0.1',
      port: 21812,
      outerIdentity: 'anonymous',
      fragmentSize: 1020,
      expect: undefined,
    });
    expect(req.cert).toBeUndefined();
  });

  it('EAP-TLS sends the certificate and key, no password; MD5 sends no TLS settings', () => {
    const base = { ...defaultEapForm(ports), secret: 's', user: 'lab-client', password: 'typed' };
    const tls = eapRequest({
      ...base,
      method: 'tls',
      cert: 'CERT',
      key: 'KEY',
      ca: ' CA ',
      serverName: 'lab',
    });
    expect(tls).toMatchObject({ password: '', cert: 'CERT', key: 'KEY', ca: 'CA', serverName: 'lab' });
    expect(tls.outerIdentity).toBeUndefined();
    const md5 = eapRequest({ ...base, method: 'md5', cert: 'CERT', ca: 'CA', fragmentSize: '500' });
    expect(md5).toMatchObject({ password: 'typed', cert: undefined, ca: undefined, fragmentSize: undefined });
  });

  it('a fragment size out of range is refused by the contract, naming the field', () => {
    const r = eapRequestSchema.safeParse(
      eapRequest({ ...defaultEapForm(ports), secret: 's', user: 'u', fragmentSize: '10' }),
    );
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['fragmentSize']);
  });

  it('expectations and a loaded request round-trip through the form', () => {
    const f = {
      ...defaultEapForm(ports),
      method: 'ttls-pap' as const,
      secret: 's',
      user: 'bob',
      password: 'p',
      outerIdentity: 'anon@lab',
      expectStatus: ' accept ',
      expectAttributes: 'Tunnel-Private-Group-Id=20\n\n',
    };
    const req = eapRequestSchema.parse(eapRequest(f));
    expect(req.expect).toEqual({ status: 'accept', attributes: ['Tunnel-Private-Group-Id=20'] });
    // A listed request has no secrets: the form keeps what the user typed.
    const { secret: _s, password: _p, ...listed } = req;
    const back = eapFormFrom(listed, { ...defaultEapForm(ports), secret: 'kept' });
    expect(back).toMatchObject({
      method: 'ttls-pap',
      user: 'bob',
      outerIdentity: 'anon@lab',
      secret: 'kept',
      expectStatus: 'accept',
      expectAttributes: 'Tunnel-Private-Group-Id=20',
    });
  });
});
