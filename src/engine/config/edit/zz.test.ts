import { it } from 'vitest';
import { startTestEngine, startTestServe } from '../../../../test/support/engine';
it('seq', async () => {
  const lab = await startTestEngine({ ports: 'ephemeral' });
  const s = await startTestServe(lab.engine);
  const call = async (name: string, input: unknown) => {
    const t0 = Date.now();
    const r = await fetch(`${s.base}/rpc/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-aaa-lab-token': s.token }, body: JSON.stringify(input) });
    const txt = await r.text();
    console.log(name, Date.now() - t0, txt.slice(0, 80));
  };
  await call('devices.get', { name: 'lab-loopback', reveal: true });
  await call('devices.upsert', { original: 'lab-loopback', device: { name: 'lab-loopback', match: '127.0.0.1/32', vendor: 'junos' } });
  await call('lab.status', {});
  await s.close();
  await lab.engine.close();
}, 30000);
