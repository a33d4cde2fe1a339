import { describe, expect, it } from 'vitest';
import { radiusRequestSchema, tacacsRequestSchema } from '../../../../contract/test-client';
import type { AcctSessionDto } from '../../../../contract/observability';
import {
  defaultRadiusForm,
  defaultTacacsForm,
  radiusFormFrom,
  radiusRequest,
  sessionRequest,
  tacacsFormFrom,
  tacacsRequest,
  type LabPorts,
} from './forms';

const ports: LabPorts = { host: '127.0.0.1', tacacs: 14949, auth: 21812, acct: 21813, coa: 23799 };

describe('test client forms', () => {
  it('builds a TACACS+ authorization the contract accepts, one AV pair or command per line', () => {
    const f = {
      ...defaultTacacsForm(ports),
      op: 'authorize' as const,
      user: 'bob',
      secret: 's',
      args: 'configure terminal\n\n  cmd-arg=x  ',
      expectStatus: ' fail ',
      expectAttributes: 'priv-lvl=1\n',
    };
    const req = tacacsRequestSchema.parse(tacacsRequest(f));
    expect(req).toMatchObject({
      port: 14949,
      args: ['configure terminal', 'cmd-arg=x'],
      password: undefined,
      expect: { status: 'fail', attributes: ['priv-lvl=1'] },
    });
    // And back: a loaded request fills the same form.
    expect(tacacsFormFrom(req, defaultTacacsForm(ports))).toMatchObject({
      op: 'authorize',
      args: 'configure terminal\ncmd-arg=x',
      expectStatus: 'fail',
    });
  });

  it('leaves expectations out when none are given and drops the secret under TLS', () => {
    const req = tacacsRequest({ ...defaultTacacsForm(ports), tls: true, secret: 'x', tlsCa: '/ca.pem' });
    expect(req.expect).toBeUndefined();
    expect(req.secret).toBeUndefined();
    expect(req.tls).toEqual({ ca: '/ca.pem', cert: undefined, key: undefined });
  });

  it('sends preset arguments only with a preset, and round-trips a RADIUS request', () => {
    const base = { ...defaultRadiusForm(ports), secret: 's', user: 'bob', session: 'abc' };
    expect(radiusRequest({ ...base, code: 'coa' }).presetArgs).toEqual({});
    const withPreset = radiusRequestSchema.parse(
      radiusRequest({ ...base, code: 'coa', preset: 'generic-coa' }),
    );
    expect(withPreset.presetArgs).toEqual({ session: 'abc', user: 'bob' });
    expect(radiusFormFrom(withPreset, defaultRadiusForm(ports))).toMatchObject({
      code: 'coa',
      preset: 'generic-coa',
      session: 'abc',
      user: 'bob',
      secret: 's',
    });
  });

  it('pre-fills a Disconnect for a session at the lab’s own CoA port when the NAS is local', () => {
    const s: AcctSessionDto = {
      key: 'k',
      protocol: 'radius',
      nasAddress: '127.0.0.1',
      username: 'bob',
      sessionId: 'sess-1',
      startedAt: 0,
      updatedAt: 0,
      records: 1,
      durationMs: 0,
      attributes: { 'Framed-IP-Address': '10.0.0.7', 'Calling-Station-Id': ['aa-bb', 'cc'] },
    };
    const f = sessionRequest(s, 'disconnect', ports, defaultRadiusForm(ports));
    expect(f).toMatchObject({
      code: 'disconnect',
      host: '127.0.0.1',
      port: '23799',
      preset: 'generic-disconnect',
      user: 'bob',
      session: 'sess-1',
      framedIp: '10.0.0.7',
      mac: 'aa-bb',
    });
    expect(sessionRequest({ ...s, nasAddress: '10.1.1.1' }, 'coa', ports, f).port).toBe('3799');
  });
});
