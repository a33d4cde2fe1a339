// Policy decisions per second: command authorization (the per-command hot path) and PAP checks,
// over the conformance fixture. Medians of 5 runs of 1 s each.
import { LocalBackend } from '../src/engine/backends/local';
import { loadLabFile } from '../src/engine/config/load';
import { Policy } from '../src/engine/policy/policy';
import { fixturePath } from '../test/support/fixtures';
import { median, report } from './lib/stats';

const lab = await loadLabFile(fixturePath('lab.yaml'));
const policy = new Policy(lab, [new LocalBackend(lab.config.users)]);
const device = policy.device('127.0.0.1');
const commands = ['show running-config', 'configure terminal', 'show ip interface brief', 'reload'];

async function rate(run: (i: number) => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < 5; r++) {
    let n = 0;
    const end = performance.now() + 1000;
    while (performance.now() < end) {
      for (let k = 0; k < 256; k++) await run(n++);
    }
    samples.push(n);
  }
  return median(samples);
}

const author = await rate((i) =>
  policy.authorize({ device, username: i % 2 ? 'bob' : 'alice', command: commands[i % commands.length] }),
);
const authen = await rate((i) =>
  policy.authenticate({
    device,
    username: 'alice',
    credentials: { kind: 'password', password: i % 3 ? 'alice-pass' : 'wrong' },
  }),
);
report('policy authorize (command)', { 'decisions/s': author });
report('policy authenticate (PAP, local)', { 'decisions/s': authen });
