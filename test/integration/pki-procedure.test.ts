import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callProcedure, startTestEngine, type TestEngine } from '../support/engine';

// pki.init: the Servers screen's "Create lab CA and certificates", into <data dir>/pki.
let lab: TestEngine;
beforeAll(async () => {
  lab = await startTestEngine({ ports: 'ephemeral', factories: [] });
});
afterAll(() => lab?.engine.close());

describe('pki.init', () => {
  it('creates the lab CA and certificates in the data dir, reports them, and keeps them unless replaced', async () => {
    const r = await callProcedure(lab.engine, 'pki.init', { days: 30 });
    expect(r.dir).toBe(join(lab.engine.opts.dataDir, 'pki'));
    const ca = new X509Certificate(readFileSync(r.ca));
    const server = new X509Certificate(readFileSync(r.server));
    expect(server.checkIssued(ca)).toBe(true);
    expect(server.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(server.checkHost('localhost')).toBe('localhost');
    expect(r.report.join('\n')).toContain(`ca_cert="${r.ca}"`);

    await expect(callProcedure(lab.engine, 'pki.init', {})).rejects.toThrow(
      /ca\.pem.*already exist.*choose Replace/,
    );
    const again = await callProcedure(lab.engine, 'pki.init', { force: true });
    expect(new X509Certificate(readFileSync(again.ca)).serialNumber).not.toBe(ca.serialNumber);
    const audit = await callProcedure(lab.engine, 'audit.list', { event: ['pki.'] });
    expect(audit.entries.map((e) => e.event)).toEqual(['pki.created', 'pki.created']);
  }, 60_000);
});
