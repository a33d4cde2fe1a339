import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAttributes } from '../../src/engine/radius/codec/build';
import { CODES } from '../../src/engine/radius/codec/constants';
import { secretBytes, signRequest, verifyResponse } from '../../src/engine/radius/codec/sign';
import { readSamples, writePool } from './loadgen';
import { bundledDictionary } from '../../src/engine/radius/dictionary/load';
import { Engine } from '../../src/engine/lab';
import { fixturePath } from '../../test/support/fixtures';

export const SECRET = secretBytes('testing123');
export const dict = bundledDictionary().dictionary;

/**
 * A real Engine (trace store + SQLite accounting) on a temp lab file holding the conformance
 * fixture's devices, users and groups with only RADIUS listeners, on ephemeral ports. `radiusExtra`:
 * more keys of the `radius:` block, indented two spaces (e.g. an `eap:` section).
 */
export async function benchEngine(
  prefix: string,
  radiusExtra = '',
): Promise<{ engine: Engine; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const fixture = readFileSync(fixturePath('lab.yaml'), 'utf8');
  const lab = `radius:
  auth: ["127.0.0.1:0"]
  acct: ["127.0.0.1:0"]
  requireMessageAuthenticator: false
${radiusExtra}${fixture.slice(fixture.indexOf('\ndevices:'))}`;
  writeFileSync(join(dir, 'lab.yaml'), lab);
  const quiet = (): void => {};
  const engine = await Engine.create({
    configPath: join(dir, 'lab.yaml'),
    defaultConfigPath: join(dir, 'lab.yaml'),
    dataDir: dir,
    log: { debug: quiet, info: quiet, warn: quiet, error: (m, f) => console.error(m, f) },
  });
  return { engine, dir };
}

/** A signed PAP Access-Request for alice with Message-Authenticator; `n` makes its authenticator unique. */
export function accessRequest(id: number, n: number): Buffer {
  const authenticator = Buffer.alloc(16);
  authenticator.writeUInt32BE(n, 0);
  authenticator.writeUInt32BE(0x5a5a5a5a, 12);
  const attrs = buildAttributes(
    [
      { name: 'User-Name', value: 'alice' },
      { name: 'User-Password', value: 'alice-pass' },
      { name: 'NAS-IP-Address', value: '127.0.0.1' },
      { name: 'NAS-Port', value: n & 0xffff },
    ],
    dict,
    { secret: SECRET, authenticator },
  );
  return signRequest(CODES['Access-Request'], id, attrs, SECRET, {
    authenticator,
    messageAuthenticator: true,
  });
}

/**
 * Writes `pkts` ([Identifier][variant], every Identifier with the same number of variants) as the
 * C generator's pool file (bench/loadgen/radius.c).
 */
export function writeRadiusPool(path: string, pkts: Buffer[][]): void {
  writePool(path, pkts[0]!.length, pkts.flat());
}

/**
 * Checks the replies the C generator sampled against the requests they answer (Response
 * Authenticator and Message-Authenticator with the secret): how many were checked, how many failed.
 */
export function checkRadiusSamples(file: string, pkts: Buffer[][]): { checked: number; bad: number } {
  let checked = 0;
  let bad = 0;
  for (const { head, reply } of readSamples(file, 2)) {
    checked++;
    const request = pkts[head[0]!]![head[1]!]!;
    const v = verifyResponse(reply, request.subarray(4, 20), SECRET);
    if (v.authenticator !== 'ok' || v.messageAuthenticator === 'bad') bad++;
  }
  return { checked, bad };
}
