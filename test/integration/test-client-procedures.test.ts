import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/contract/dispatch';
import type { ProcedureName } from '../../src/contract/procedures';
import type { Engine } from '../../src/engine/lab';
import { callProcedure, startTestEngine } from '../support/engine';

/**
 * The Test client procedures through the contract dispatcher, against the fixture lab's own
 * listeners (moved to ephemeral ports so the test can run beside a fixture `aaa-lab serve`).
 */
let engine: Engine;
const ports: Record<string, number> = {};

beforeAll(async () => {
  ({ engine } = await startTestEngine({ ports: 'ephemeral' }));
  for (const l of engine.status().services.flatMap((s) => s.listeners)) ports[l.service] ??= l.port;
});

afterAll(async () => {
  await engine?.close();
});

const call = <K extends ProcedureName>(name: K, input: unknown) => callProcedure(engine, name, input);

const tacacs = (over: Record<string, unknown>) => ({
  host: '127.0.0.1',
  port: ports.tacacs,
  secret: 'testing123',
  ...over,
});
const radius = (over: Record<string, unknown>) => ({
  host: '127.0.0.1',
  port: ports['radius-auth'],
  secret: 'testing123',
  ...over,
});

describe('client.tacacs', () => {
  it('authenticates alice with PAP: PASS, both packets decoded and in the trace as the client', async () => {
    const r = await call('client.tacacs', {
      ...tacacs({ op: 'authenticate', type: 'pap', user: 'alice', password: 'alice-pass' }),
      expect: { status: 'pass' },
    });
    expect(r).toMatchObject({ status: 'PASS', pass: true, assertions: [{ ok: true }] });
    expect(r.exchange.map((e) => e.direction)).toEqual(['out', 'in']);
    expect(r.exchange[0]!.summary).toMatch(/START.*PAP.*alice/i);
    expect(r.exchange[0]!.dissection.length).toBeGreaterThan(0);
    const rec = engine.trace.get(r.exchange[1]!.traceId!);
    expect(rec).toMatchObject({ role: 'client', direction: 'in', protocol: 'tacacs' });
    // The lab's server side of the same exchange is in the trace too.
    const server = engine.trace.list({ limit: 50 }).rows.filter((x) => x.role === 'server');
    expect(server.some((x) => x.user === 'alice')).toBe(true);
    expect(JSON.stringify(r)).not.toContain('alice-pass');
  });

  it('authorizes bob: show is permitted, configure terminal fails, and the assertions say so', async () => {
    const show = await call('client.tacacs', {
      ...tacacs({ op: 'authorize', user: 'bob', args: ['show version'] }),
      expect: { status: 'pass' },
    });
    expect(show.pass).toBe(true);
    const conf = await call('client.tacacs', {
      ...tacacs({ op: 'authorize', user: 'bob', args: ['configure terminal'] }),
      expect: { status: 'pass', attributes: ['priv-lvl=15'] },
    });
    expect(conf).toMatchObject({ status: 'FAIL', pass: false });
    expect(conf.assertions).toEqual([
      { what: 'status pass', ok: false, detail: 'got FAIL' },
      { what: 'priv-lvl = 15', ok: false, detail: 'no priv-lvl in the reply' },
    ]);
    const exec = await call('client.tacacs', {
      ...tacacs({ op: 'authorize', user: 'alice', args: ['service=shell', 'cmd='] }),
      expect: { status: 'PASS_ADD', attributes: ['priv-lvl=15'] },
    });
    expect(exec.assertions.every((a) => a.ok)).toBe(true);
  });

  it('sends an accounting start and gets SUCCESS', async () => {
    const r = await call(
      'client.tacacs',
      tacacs({ op: 'account', user: 'alice', acctFlags: 'start', args: ['show clock'] }),
    );
    expect(r).toMatchObject({ status: 'SUCCESS', pass: true });
  });

  it('a wrong secret answers no-reply, "reply did not decode with this secret", not a byte offset', async () => {
    const r = await call('client.tacacs', {
      ...tacacs({ op: 'authenticate', user: 'alice', password: 'alice-pass', secret: 'wrong' }),
      expect: { status: 'no-reply' },
    });
    expect(r.status).toBe('no-reply');
    expect(r.error).toMatch(/^reply did not decode with this secret/);
    expect(r.error).not.toMatch(/offset|byte/i);
    expect(r.assertions[0]!.ok).toBe(true);
    expect(r.exchange.map((e) => [e.direction, e.summary])).toEqual([
      ['out', expect.stringMatching(/START/)],
      ['in', 'reply did not decode with this secret'],
    ]);
  });

  it('refuses a request without a secret or TLS as invalid input', async () => {
    const env = await dispatch(engine.handlers, 'client.tacacs', {
      op: 'authenticate',
      host: '127.0.0.1',
      port: ports.tacacs,
      user: 'alice',
    });
    expect(env.ok === false && env.error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'secret' }],
    });
  });

  it('speaks TLS 1.3 to the lab with the fixture client certificate', async () => {
    const tls = join(engine.lab.baseDir, 'tls');
    const r = await call('client.tacacs', {
      op: 'authenticate',
      host: '127.0.0.1',
      port: ports['tacacs-tls'],
      tls: { ca: join(tls, 'ca.pem'), cert: join(tls, 'client.pem'), key: join(tls, 'client.key') },
      user: 'alice',
      password: 'alice-pass',
    });
    expect(r).toMatchObject({ status: 'PASS', pass: true });
  });
});

describe('client.radius', () => {
  it('PAP: alice is accepted with her group reply attributes; a wrong password is rejected', async () => {
    const ok = await call('client.radius', {
      ...radius({ code: 'auth', user: 'alice', password: 'alice-pass' }),
      expect: { status: 'accept', attributes: ['Service-Type=Administrative-User'] },
    });
    expect(ok).toMatchObject({ code: 'Access-Accept', pass: true, attempts: 1 });
    expect(ok.assertions.every((a) => a.ok)).toBe(true);
    expect(ok.attributes).toContainEqual(['Cisco-AVPair', 'shell:priv-lvl=15']);
    expect(engine.trace.get(ok.exchange[0]!.traceId!)).toMatchObject({ role: 'client', direction: 'out' });
    expect(JSON.stringify(ok)).not.toContain('alice-pass');

    const bad = await call('client.radius', {
      ...radius({ code: 'auth', user: 'bob', password: 'nope' }),
      expect: { status: 'accept' },
    });
    expect(bad).toMatchObject({ code: 'Access-Reject', pass: false });
    expect(bad.assertions).toEqual([{ what: 'status accept', ok: false, detail: 'got Access-Reject' }]);
  });

  it('MS-CHAPv2 checks the server authenticator response', async () => {
    const r = await call(
      'client.radius',
      radius({ code: 'auth', method: 'mschapv2', user: 'bob', password: 'bob-pass' }),
    );
    expect(r).toMatchObject({ code: 'Access-Accept', mschapv2Valid: true });
  });

  it('CoA: ACK for a session, NAK 407 when Framed-IP-Netmask is present (the fixture rule)', async () => {
    const coa = (attributes: string, expectStatus: string) =>
      call('client.radius', {
        ...radius({ code: 'coa', port: ports.coa, attributes }),
        expect: { status: expectStatus },
      });
    const ack = await coa('User-Name = bob\nAcct-Session-Id = s-1', 'ack');
    expect(ack).toMatchObject({ code: 'CoA-ACK', pass: true });
    const nak = await coa('User-Name = bob\nFramed-IP-Netmask = 255.255.255.0', 'CoA-NAK');
    expect(nak.code).toBe('CoA-NAK');
    expect(nak.assertions[0]!.ok).toBe(true);
    expect(nak.attributes.find(([n]) => n === 'Error-Cause')?.[1]).toBe('Invalid-Attribute-Value (407)');
    // The code and the name are both accepted in an expectation.
    for (const want of ['Error-Cause=407', 'Error-Cause=Invalid-Attribute-Value']) {
      const again = await call('client.radius', {
        ...radius({
          code: 'coa',
          port: ports.coa,
          attributes: 'User-Name = bob\nFramed-IP-Netmask = 255.255.255.0',
        }),
        expect: { status: 'nak', attributes: [want] },
      });
      expect(again.assertions.every((x) => x.ok)).toBe(true);
    }
  });

  it('a vendor preset builds the Disconnect-Request', async () => {
    const presets = await call('client.radius.presets', {});
    const generic = presets.find((p) => p.name === 'generic-disconnect');
    expect(generic).toMatchObject({ code: 'disconnect' });
    expect(generic!.args).toEqual(expect.arrayContaining(['session', 'user']));
    const r = await call(
      'client.radius',
      radius({
        code: 'disconnect',
        port: ports.coa,
        preset: 'generic-disconnect',
        presetArgs: { session: 's-9', user: 'bob' },
      }),
    );
    expect(r.code).toBe('Disconnect-ACK');
    expect(r.exchange[0]!.summary).toMatch(/Disconnect-Request/);
  });

  it('Status-Server is answered; a wrong secret gives no-reply after the attempts', async () => {
    const ok = await call('client.radius', radius({ code: 'status' }));
    expect(ok.code).toBe('Access-Accept');
    const wrong = await call('client.radius', {
      ...radius({ code: 'status', secret: 'wrong', timeoutMs: 300, retries: 1 }),
      expect: { status: 'no-reply' },
    });
    expect(wrong).toMatchObject({ code: 'no-reply', pass: false, attempts: 2 });
    expect(wrong.error).toMatch(/after 2 attempt/);
    expect(wrong.exchange.filter((e) => e.direction === 'out')).toHaveLength(2);
  });

  it('reports bad attribute text as invalid input on the attributes field', async () => {
    const env = await dispatch(
      engine.handlers,
      'client.radius',
      radius({ code: 'auth', user: 'bob', password: 'x', attributes: 'No-Such-Attribute = 1' }),
    );
    expect(env.ok === false && env.error).toMatchObject({
      code: 'invalid_input',
      issues: [{ path: 'attributes' }],
    });
  });
});

describe('client.saved', () => {
  it('saves, lists without secrets, loads with them, replaces by name and deletes', async () => {
    const request = radius({ code: 'auth', user: 'bob', password: 'bob-pass' });
    const saved = await call('client.saved.save', { name: 'bob PAP', kind: 'radius', request });
    expect(saved.secrets.sort()).toEqual(['password', 'secret']);
    expect(JSON.stringify(saved)).not.toMatch(/testing123|bob-pass/);

    const list = await call('client.saved.list', {});
    expect(list.map((s) => s.name)).toContain('bob PAP');
    expect(JSON.stringify(list)).not.toMatch(/testing123|bob-pass/);

    const loaded = await call('client.saved.get', { id: saved.id });
    expect(loaded.request).toMatchObject({ secret: 'testing123', password: 'bob-pass', user: 'bob' });
    const r = await call('client.radius', loaded.request);
    expect(r.code).toBe('Access-Accept');

    const again = await call('client.saved.save', {
      name: 'bob PAP',
      kind: 'radius',
      request: { ...request, user: 'alice' },
    });
    expect(again.id).toBe(saved.id);
    expect(
      (await call('client.saved.list', { kind: 'radius' })).filter((s) => s.name === 'bob PAP'),
    ).toHaveLength(1);

    expect(await call('client.saved.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await call('client.saved.delete', { id: saved.id })).toEqual({ deleted: false });
    const gone = await dispatch(engine.handlers, 'client.saved.get', { id: saved.id });
    expect(gone.ok === false && gone.error.code).toBe('not_found');
  });

  it('saves an EAP request, its shared secret, password and client key kept out of listings', async () => {
    const request = {
      method: 'tls' as const,
      host: '127.0.0.1',
      port: 1812,
      secret: 'testing123',
      user: 'lab-client',
      cert: '-----BEGIN CERTIFICATE-----',
      key: 'PRIVATE-KEY-TEXT',
    };
    const saved = await call('client.saved.save', { name: 'lab-client EAP-TLS', kind: 'eap', request });
    expect(saved.secrets.sort()).toEqual(['key', 'secret']);
    const list = await call('client.saved.list', { kind: 'eap' });
    expect(list.map((s) => s.name)).toEqual(['lab-client EAP-TLS']);
    expect(JSON.stringify(list)).not.toMatch(/testing123|PRIVATE-KEY-TEXT/);
    const loaded = await call('client.saved.get', { id: saved.id });
    expect(loaded.request).toMatchObject({ key: 'PRIVATE-KEY-TEXT', secret: 'testing123', method: 'tls' });
    await call('client.saved.delete', { id: saved.id });
  });

  it('validates the request against its kind', async () => {
    const env = await dispatch(engine.handlers, 'client.saved.save', {
      name: 'x',
      kind: 'tacacs',
      request: { code: 'auth', host: 'h', port: 1, secret: 's' },
    });
    expect(env.ok === false && env.error.code).toBe('invalid_input');
  });
});
