import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cLoadgen, runLoadgen } from '../../bench/lib/loadgen';
import {
  accessRequest,
  benchEngine,
  checkRadiusSamples,
  writeRadiusPool,
} from '../../bench/lib/radius-bench';
import { checkTacacsSamples, papStart, writeTacacsPool } from '../../bench/lib/tacacs-bench';
import { TacacsServer } from '../../src/engine/tacacs/server/server';
import { fixtureLab, testContext } from '../support/tacacs-lab';

// The C load generators behind `npm run bench` (bench/loadgen/*.c): they must build with the
// system's compiler, drive our servers, and their sampled replies must verify with the secret,
// or the benchmark's figures would count garbage. Skipped, with the reason, without a compiler.
const radiusGen = cLoadgen('radius');
const tacacsGen = cLoadgen('tacacs');
const work = mkdtempSync(join(tmpdir(), 'aaa-lab-loadgen-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('C load generators', () => {
  it.skipIf(!radiusGen.bin)(
    `RADIUS: Access-Requests answered and sampled replies verify${radiusGen.why ? ` (skipped: ${radiusGen.why})` : ''}`,
    async () => {
      const { engine, dir } = await benchEngine('aaa-lab-loadgen-radius-');
      try {
        const status = await engine.start();
        const port = status.services
          .flatMap((s) => s.listeners)
          .find((l) => l.service === 'radius-auth')!.port;
        const pkts = Array.from({ length: 256 }, (_, id) =>
          Array.from({ length: 8 }, (_, v) => accessRequest(id, id * 8 + v)),
        );
        const pool = join(work, 'radius-pool');
        writeRadiusPool(pool, pkts);
        const samples = join(work, 'radius-samples');
        const res = await runLoadgen(radiusGen.bin!, [port, pool, 2, 8, 1.5, 2, samples]);
        expect(res).toMatchObject({ bad: 0, lost: 0 });
        expect(res.ok).toBeGreaterThan(1024);
        const checked = checkRadiusSamples(samples, pkts);
        expect(checked.checked).toBeGreaterThan(0);
        expect(checked.bad).toBe(0);
        expect(res.p50_ms).toBeGreaterThan(0);
      } finally {
        await engine.close();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.skipIf(!tacacsGen.bin)(
    `TACACS+: single-connect and new-connection PAP pass and sampled replies decode${tacacsGen.why ? ` (skipped: ${tacacsGen.why})` : ''}`,
    async () => {
      const lab = fixtureLab();
      const server = new TacacsServer(testContext(lab));
      const port = (await server.start()).find((l) => l.service === 'tacacs')!.port;
      try {
        for (const [mode, flags] of [
          ['single', 0x04],
          ['new', 0],
        ] as const) {
          const pkts = Array.from({ length: 256 }, (_, i) => papStart(0x20000 + i, flags));
          const pool = join(work, `tacacs-pool-${mode}`);
          writeTacacsPool(pool, pkts);
          const samples = join(work, `tacacs-samples-${mode}`);
          const res = await runLoadgen(tacacsGen.bin!, [port, pool, 4, 1, mode, samples]);
          expect(res).toMatchObject({ bad: 0, lost: 0 });
          expect(res.ok).toBeGreaterThan(64);
          const checked = checkTacacsSamples(samples, pkts);
          expect(checked.checked).toBeGreaterThan(0);
          expect(checked.bad).toBe(0);
        }
      } finally {
        await server.stop();
      }
    },
  );
});
