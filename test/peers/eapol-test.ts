import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePeer } from './require-peer';

/** wpa_supplicant's RADIUS test supplicant (Debian package eapoltest), or undefined when allowed missing. */
export const eapolTest = requirePeer('eapol_test', 'eapoltest');

/** A wpa_supplicant network block's fields: eap, identity, password, anonymous_identity, phase2, ca_cert… */
export type NetworkBlock = Record<string, string | number>;

export interface EapolRun {
  /** eapol_test printed SUCCESS and exited 0. */
  success: boolean;
  /** "MPPE keys OK: 1  mismatch: 0": the keys in the Accept match the supplicant's MSK (every
   * authentication's, with re-authentications). */
  mppeOk: boolean;
  /** Authentications whose TLS handshake wpa_supplicant reports as resumed ("resumed=1"). */
  resumed: number;
  exit: number;
  out: string;
}

/** `eapol_test -c conf -a 127.0.0.1 -p PORT -s SECRET -rN -t 10` with one network block; `reauth`
 * (N, default 0) re-authentications follow the first in the same process, resuming TLS if they can. */
export function runEapolTest(
  block: NetworkBlock,
  opts: { port: number; secret?: string; noKeys?: boolean; timeoutS?: number; reauth?: number },
): Promise<EapolRun> {
  if (!eapolTest) throw new Error('eapol_test not installed (apt-get install eapoltest)');
  const dir = mkdtempSync(join(tmpdir(), 'aaa-lab-eapol-'));
  const conf = join(dir, 'eapol.conf');
  writeFileSync(conf, networkConf(block));
  const args = ['-c', conf, '-a', '127.0.0.1', '-p', String(opts.port), '-s', opts.secret ?? 'testing123'];
  args.push(`-r${opts.reauth ?? 0}`, '-t', String(opts.timeoutS ?? 10));
  if (opts.noKeys) args.push('-n');
  return new Promise((resolve) => {
    execFile(eapolTest, args, { timeout: ((opts.timeoutS ?? 10) + 5) * 1000 }, (err, stdout, stderr) => {
      rmSync(dir, { recursive: true, force: true });
      const out = stdout + stderr;
      const exit = err ? (typeof err.code === 'number' ? err.code : 99) : 0;
      const mppe = /MPPE keys OK: (\d+)\s+mismatch: (\d+)/.exec(out);
      resolve({
        success: exit === 0 && /^SUCCESS$/m.test(out),
        mppeOk: !!mppe && Number(mppe[1]) > (opts.reauth ?? 0) && mppe[2] === '0',
        // One segment per authentication; TLS 1.3 may print the line twice in one.
        resumed: out.split('CTRL-EVENT-EAP-STARTED').filter((a) => a.includes('resumed=1')).length,
        exit,
        out,
      });
    });
  });
}

/** A wpa_supplicant config with one wired 802.1X network block; strings quoted as it expects. */
export function networkConf(block: NetworkBlock): string {
  const lines = Object.entries({ key_mgmt: 'IEEE8021X', eapol_flags: 0, ...block }).map(([k, v]) =>
    typeof v === 'number' || RAW_KEYS.has(k) ? `\t${k}=${v}` : `\t${k}=${JSON.stringify(v)}`,
  );
  return `network={\n${lines.join('\n')}\n}\n`;
}

const RAW_KEYS = new Set(['key_mgmt', 'eap', 'eapol_flags']);
