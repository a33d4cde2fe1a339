/** What the lab's groups mean for a switch: which privilege levels and login classes to set up. */
export interface GroupLevel {
  name: string;
  privLvl: number;
}

/** The privilege levels the lab's groups use (command authorization is configured per level). */
export function privLevels(groups: readonly GroupLevel[] | undefined): number[] {
  const levels = new Set((groups ?? []).map((g) => g.privLvl));
  if (levels.size === 0) levels.add(15);
  return [...levels].sort((a, b) => a - b);
}

/**
 * The Junos login class that matches a group's privilege: Junos ignores priv-lvl and maps a remote
 * user to the local template user named by local-user-name (Juniper-Local-User-Name over RADIUS).
 */
export function junosClass(privLvl: number): 'super-user' | 'operator' | 'read-only' {
  if (privLvl >= 15) return 'super-user';
  return privLvl >= 5 ? 'operator' : 'read-only';
}

/** Junos template users, one per group, and the notes a Junos engineer needs. */
export function junosLogin(groups: readonly GroupLevel[] | undefined, comment: string): string[] {
  const out: string[] = [];
  out.push(`${comment} Junos ignores priv-lvl: each group maps to a template user by local-user-name.`);
  out.push(
    `${comment} Have the lab return it: tacacsShell { local-user-name: <group> } or RADIUS Juniper-Local-User-Name.`,
  );
  for (const g of groups ?? []) out.push(`set system login user ${g.name} class ${junosClass(g.privLvl)}`);
  out.push(`${comment} Users without a local-user-name fall back to this template user (least privilege).`);
  out.push('set system login user remote class read-only');
  out.push(
    `${comment} Junos authorizes commands locally (by class), so the lab sees no per-command authorization`,
  );
  out.push(`${comment} requests; it does receive accounting of interactive commands.`);
  return out;
}
