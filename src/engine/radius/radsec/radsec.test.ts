import { readFileSync } from 'node:fs';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_DIR, portOf, testContext } from '../../../../test/peers/radius-lab';
import { buildAttributes } from '../codec/build';
import { randomAuthenticator, secretBytes, signRequest, verifyResponse } from '../codec/sign';
import { CoaResponder } from '../coa/coa-responder';
import { bundledDictionary } from '../dictionary/load';
import { RadiusFramer } from './framing';
import { RadsecServer } from './radsec-server';

const ctx = testContext();
const server = new RadsecServer(ctx, new CoaResponder(ctx));
let port = 0;
beforeAll(async () => {
  port = portOf(await server.start(), 'radsec');
});
afterAll(() => server.stop());

describe('RadSec (RFC 6614)', () => {
  it('framing: any chunking gives the same packets; a bad Length is fatal', () => {
    const a = signRequest(12, 1, [], secretBytes('radsec'));
    const b = signRequest(4, 2, [], secretBytes('radsec'));
    const all = Buffer.concat([a, b]);
    for (let cut = 1; cut < all.length; cut++) {
      const f = new RadiusFramer();
      const got = [...(f.push(all.subarray(0, cut)) as Buffer[]), ...(f.push(all.subarray(cut)) as Buffer[])];
      expect(got.map((x) => x.toString('hex'))).toEqual([a.toString('hex'), b.toString('hex')]);
    }
    expect(new RadiusFramer().push(Buffer.from('0101000a', 'hex'))).toBe('invalid');
  });

  it('auth, accounting and CoA over one TLS connection with a client certificate', async () => {
    const dict = bundledDictionary().dictionary;
    const secret = secretBytes('radsec');
    const sock = connect({
      host: '127.0.0.1',
      port,
      ca: readFileSync(`${FIXTURE_DIR}/tls/ca.pem`),
      cert: readFileSync(`${FIXTURE_DIR}/tls/client.pem`),
      key: readFileSync(`${FIXTURE_DIR}/tls/client.key`),
      servername: 'localhost',
      checkServerIdentity: () => undefined,
    });
    await new Promise<void>((r, j) => sock.once('secureConnect', () => r()).once('error', j));
    const framer = new RadiusFramer();
    const replies: Buffer[] = [];
    sock.on('data', (c: Buffer) => replies.push(...(framer.push(c) as Buffer[])));
    const ra = randomAuthenticator();
    const access = signRequest(
      1,
      1,
      buildAttributes(
        [
          { name: 'User-Name', value: 'alice' },
          { name: 'User-Password', value: 'alice-pass' },
        ],
        dict,
        { secret, authenticator: ra },
      ),
      secret,
      { authenticator: ra },
    );
    const acct = signRequest(
      4,
      2,
      buildAttributes(
        [
          { name: 'Acct-Status-Type', value: 'Start' },
          { name: 'Acct-Session-Id', value: 'rs-1' },
        ],
        dict,
      ),
      secret,
    );
    const coa = signRequest(
      43,
      3,
      buildAttributes([{ name: 'Acct-Session-Id', value: 'rs-1' }], dict),
      secret,
    );
    sock.write(Buffer.concat([access, acct, coa]));
    for (let i = 0; i < 50 && replies.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
    sock.destroy();
    const byId = new Map(replies.map((r) => [r[1], r]));
    expect(byId.get(1)?.[0]).toBe(2);
    expect(verifyResponse(byId.get(1)!, ra, secret)).toEqual({
      authenticator: 'ok',
      messageAuthenticator: 'ok',
    });
    expect(byId.get(2)?.[0]).toBe(5);
    expect(byId.get(3)?.[0]).toBe(44);
    expect(ctx.records.at(-1)).toMatchObject({ sessionId: 'rs-1' });
  });

  it('a client without a certificate is refused', async () => {
    const sock = connect({
      host: '127.0.0.1',
      port,
      ca: readFileSync(`${FIXTURE_DIR}/tls/ca.pem`),
      checkServerIdentity: () => undefined,
    });
    const outcome = await new Promise<string>((r) => {
      sock.once('error', () => r('error'));
      sock.once('close', () => r('closed'));
      sock.once('secureConnect', () => sock.write(signRequest(12, 1, [], secretBytes('radsec'))));
      sock.once('data', () => r('answered'));
    });
    expect(outcome).not.toBe('answered');
  });
});
