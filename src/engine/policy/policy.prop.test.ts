import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalBackend } from '../backends/local';
import { parseLab } from '../config/load';
import { matchCommand } from './commands';
import { Policy } from './policy';

const word = fc.stringMatching(/^[a-z]{1,6}$/);
const rule = fc.record({ action: fc.constantFrom('permit', 'deny'), literal: word });

function labWith(rules: Array<{ action: string; literal: string }>) {
  const commands = rules.map((r) => `      - ${r.action}: "^${r.literal}( |$)"`).join('\n');
  const lab = parseLab(
    `devices: [{name: sw, match: 10.0.0.0/8, tacacsSecret: k}]\ngroups:\n  - name: g\n    commands:\n${commands || '      []'}\nusers: [{username: u, password: p, groups: [g]}]\n`,
    { baseDir: '/tmp' },
  );
  return new Policy(lab, [new LocalBackend(lab.config.users)]);
}

describe('policy properties', () => {
  it('the first matching rule decides, whatever follows it', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule, { maxLength: 8 }),
        word,
        fc.array(word, { maxLength: 3 }),
        async (rules, cmd, args) => {
          const policy = labWith(rules);
          const line = [cmd, ...args].join(' ');
          const firstIndex = rules.findIndex((r) => r.literal === cmd);
          const d = await policy.authorize({ device: policy.device('10.1.1.1'), username: 'u', cmd, args });
          expect(d.allow).toBe(firstIndex >= 0 && rules[firstIndex]!.action === 'permit');
          if (firstIndex >= 0)
            expect(d.reasons.at(-1)).toBe(
              `rule ${firstIndex + 1} \`${rules[firstIndex]!.action} ^${cmd}( |$)\` matched \`${line}\``,
            );
          else expect(d.reasons.at(-1)).toMatch(/no rule matched .*default deny/);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reasons are never empty and always start at the device', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(rule, { maxLength: 4 }),
        fc.constantFrom('u', 'nobody', ''),
        fc.option(fc.string({ maxLength: 20 })),
        fc.constantFrom('10.0.0.1', '192.0.2.1'),
        async (rules, username, command, address) => {
          const policy = labWith(rules);
          const device = policy.device(address);
          const a = await policy.authorize({ device, username, command: command ?? undefined });
          const b = await policy.authenticate({
            device,
            username,
            credentials: { kind: 'password', password: 'p' },
          });
          for (const d of [a, b]) {
            expect(d.reasons.length).toBeGreaterThan(0);
            expect(d.reasons[0]).toBe(device ? 'device sw (10.0.0.0/8)' : 'no device (direct check)');
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('matchCommand agrees with a plain first-match scan', () => {
    fc.assert(
      fc.property(fc.array(rule, { maxLength: 10 }), word, (rules, cmd) => {
        const group = {
          name: 'g',
          privLvl: 1,
          tacacsShell: {},
          radiusReply: {},
          commands: rules.map((r) =>
            r.action === 'permit' ? { permit: `^${r.literal}$` } : { deny: `^${r.literal}$` },
          ),
        };
        const hit = matchCommand([group], cmd);
        const expected = rules.findIndex((r) => r.literal === cmd);
        expect(hit?.index ?? -1).toBe(expected === -1 ? -1 : expected + 1);
      }),
    );
  });
});
