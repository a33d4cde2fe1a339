import type { LabConfig } from './schema';
import { cidrOverlaps, parseCidr } from '../policy/cidr';

export interface RawIssue {
  at: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
}

/** Rules zod cannot see: names unique, references defined, patterns compile, overlaps noticed. */
export function semanticChecks(cfg: LabConfig): RawIssue[] {
  const issues: RawIssue[] = [];
  const err = (at: (string | number)[], message: string) => issues.push({ at, message, severity: 'error' });
  const warn = (at: (string | number)[], message: string) =>
    issues.push({ at, message, severity: 'warning' });

  unique(
    cfg.devices.map((d) => d.name),
    (i, n) => err(['devices', i, 'name'], `duplicate device name "${n}"`),
  );
  unique(
    cfg.groups.map((g) => g.name),
    (i, n) => err(['groups', i, 'name'], `duplicate group "${n}"`),
  );
  unique(
    cfg.users.map((u) => u.username),
    (i, n) => err(['users', i, 'username'], `duplicate user "${n}"`),
  );

  const groups = new Set(cfg.groups.map((g) => g.name));
  cfg.users.forEach((u, i) =>
    u.groups.forEach((g, j) => {
      if (!groups.has(g)) err(['users', i, 'groups', j], `group "${g}" is not defined in groups`);
    }),
  );
  cfg.mab.forEach((m, i) => {
    if (!groups.has(m.group)) err(['mab', i, 'group'], `group "${m.group}" is not defined in groups`);
  });
  cfg.backends.forEach((b, i) => {
    if (b.type === 'local') return;
    for (const [dir, lab] of Object.entries(b.groupMap)) {
      if (!groups.has(lab)) err(['backends', i, 'groupMap', dir], `group "${lab}" is not defined in groups`);
    }
  });
  cfg.groups.forEach((g, i) =>
    g.commands.forEach((r, j) => {
      const pattern = 'permit' in r ? r.permit : r.deny;
      try {
        new RegExp(pattern);
      } catch (e) {
        err(
          ['groups', i, 'commands', j],
          `"${pattern}" is not a valid regular expression: ${(e as Error).message}`,
        );
      }
    }),
  );

  const cidrs = cfg.devices.map((d) => parseCidr(d.match));
  for (let i = 0; i < cidrs.length; i++) {
    for (let j = i + 1; j < cidrs.length; j++) {
      const a = cidrs[i];
      const b = cidrs[j];
      if (a && b && cidrOverlaps(a, b)) {
        const same = a.bits === b.bits;
        warn(
          ['devices', j, 'match'],
          same
            ? `${b.text} is the same range as devices[${i}] (${cfg.devices[i]?.name}); the first one listed wins`
            : `${b.text} overlaps devices[${i}].match ${a.text}; the most specific range wins`,
        );
      }
    }
  }
  return issues;
}

function unique(names: string[], onDuplicate: (index: number, name: string) => void): void {
  const seen = new Set<string>();
  names.forEach((n, i) => {
    if (seen.has(n)) onDuplicate(i, n);
    seen.add(n);
  });
}
