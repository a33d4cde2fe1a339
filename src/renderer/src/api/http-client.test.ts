import { describe, expect, it } from 'vitest';
import { LabError } from '../../../contract';
import { TOKEN_HEADER, createHttpClient } from './http-client';

type Call = { url: string; init: RequestInit };

function client(answer: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = (async (url: string, init: RequestInit) => {
    const call = { url, init };
    calls.push(call);
    return answer(call);
  }) as unknown as typeof fetch;
  const { api } = createHttpClient({
    origin: 'http://127.0.0.1:9999/',
    token: 'tok',
    fetch: fetchFn,
    socket: () => {
      throw new Error('no sockets in this test');
    },
  });
  return { api, calls };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('createHttpClient', () => {
  it('posts the input to /rpc/<name> with the token header and unwraps the value', async () => {
    const { api, calls } = client(() => json({ ok: true, value: { cleared: 3 } }));
    await expect(api.trace.clear()).resolves.toEqual({ cleared: 3 });
    const call = calls[0];
    expect(call?.url).toBe('http://127.0.0.1:9999/rpc/trace.clear');
    expect(call?.init.method).toBe('POST');
    expect((call?.init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('tok');
    expect(JSON.parse(String(call?.init.body))).toEqual({});
  });

  it('sends the procedure input as the JSON body', async () => {
    const { api, calls } = client(() => json({ ok: true, value: { ok: true, errors: [], warnings: [] } }));
    await api.config.validate({ source: 'devices: []' });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ source: 'devices: []' });
  });

  it('turns an error envelope into a LabError with its issues', async () => {
    const error = {
      code: 'invalid_config',
      message: 'the lab file is invalid',
      issues: [{ path: 'devices[0].match', message: 'not a valid CIDR', line: 41 }],
    };
    const { api } = client(() => json({ ok: false, error }));
    const err = await api.config.apply({ source: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LabError);
    expect((err as LabError).code).toBe('invalid_config');
    expect((err as LabError).issues[0]?.line).toBe(41);
  });

  it('reports 401 as unauthorized and a network failure as unavailable', async () => {
    const denied = client(() => new Response('', { status: 401 }));
    await expect(denied.api.lab.status()).rejects.toMatchObject({ code: 'unauthorized' });
    const down = client(() => Promise.reject(new TypeError('fetch failed')));
    await expect(down.api.lab.status()).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('rejects answers that are not an envelope', async () => {
    const { api } = client(() => json({ hello: 1 }));
    await expect(api.lab.status()).rejects.toMatchObject({ code: 'internal' });
  });
});
