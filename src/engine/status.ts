import type { LabStatus } from '../contract/schemas';
import type { LoadedLab } from './config/loaded-lab';

/** The lab as the UI shows it: never a secret, only whether one is set. */
export function describeLab(
  lab: LoadedLab,
): Pick<LabStatus, 'devices' | 'groups' | 'users' | 'backends' | 'warnings' | 'notices'> {
  const c = lab.config;
  return {
    devices: c.devices.map((d) => ({
      name: d.name,
      match: d.match,
      tacacs: d.tacacsSecret !== undefined,
      radius: d.radiusSecret !== undefined,
      coa: d.coaSecret !== undefined,
      requireMessageAuthenticator: d.requireMessageAuthenticator,
    })),
    groups: c.groups.map((g) => ({
      name: g.name,
      privLvl: g.privLvl,
      commands: g.commands.map((r) =>
        'permit' in r
          ? { action: 'permit' as const, pattern: r.permit }
          : { action: 'deny' as const, pattern: r.deny },
      ),
      tacacsShell: g.tacacsShell,
      radiusReply: Object.entries(g.radiusReply).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string | number]),
      ),
    })),
    users: c.users.map((u) => ({
      username: u.username,
      groups: u.groups,
      hasPassword: u.password !== undefined,
      hasEnable: u.enable !== undefined,
      hasTotp: u.totp !== undefined,
      disabled: u.disabled,
    })),
    backends: c.backends.map((b) => ({ name: b.name, type: b.type })),
    warnings: lab.warnings.map(({ path, message, line }) => ({ path, message, line })),
    notices: lab.notices,
  };
}
