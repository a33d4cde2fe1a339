/**
 * Directory or provider groups → lab groups. With a `groupMap`, only mapped groups count (a
 * directory full of unrelated groups must not grant lab rights by an accidental name clash); without
 * one, names pass through unchanged so a directory whose groups are named like the lab's just works.
 */
export interface MappedGroups {
  groups: string[];
  /** One step for the Decision: "LDAP groups netadmins → netops; ignored: staff". */
  reason: string;
}

export function mapGroups(
  source: string,
  found: readonly string[],
  groupMap: Readonly<Record<string, string>>,
): MappedGroups {
  // Directory group names compare case-insensitively (cn is a caseIgnore attribute, RFC 4519 §2.3).
  const seen = new Set<string>();
  const unique = found.filter((g) => !seen.has(g.toLowerCase()) && seen.add(g.toLowerCase()));
  if (unique.length === 0) return { groups: [], reason: `${source}: no groups` };
  const entries = Object.entries(groupMap);
  if (entries.length === 0)
    return {
      groups: unique,
      reason: `${source} groups ${unique.join(', ')} (no groupMap: names used as lab groups)`,
    };
  const byLower = new Map(entries.map(([k, v]) => [k.toLowerCase(), v]));
  const groups: string[] = [];
  const mapped: string[] = [];
  const ignored: string[] = [];
  for (const g of unique) {
    const lab = byLower.get(g.toLowerCase());
    if (lab === undefined) {
      ignored.push(g);
      continue;
    }
    if (!groups.includes(lab)) groups.push(lab);
    mapped.push(`${g} → ${lab}`);
  }
  const parts = [mapped.length ? `${source} groups ${mapped.join(', ')}` : `${source}: no group in groupMap`];
  if (ignored.length) parts.push(`ignored: ${ignored.join(', ')}`);
  return { groups, reason: parts.join('; ') };
}

/** The value of the first RDN of a DN when its attribute is `attr` ("cn=netadmins,ou=groups,…" → "netadmins"). */
export function firstRdnValue(dn: string, attr = 'cn'): string | undefined {
  let i = 0;
  let value = '';
  const eq = dn.indexOf('=');
  if (eq < 0 || dn.slice(0, eq).trim().toLowerCase() !== attr.toLowerCase()) return undefined;
  i = eq + 1;
  // RFC 4514 §2.4 escapes: "\," "\+" … or "\XX" hex pairs; an unescaped , or + ends the RDN value.
  const bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length) value += Buffer.from(bytes).toString('utf8');
    bytes.length = 0;
  };
  while (i < dn.length) {
    const c = dn[i]!;
    if (c === ',' || c === '+') break;
    if (c === '\\' && i + 1 < dn.length) {
      const hex = dn.slice(i + 1, i + 3);
      if (/^[0-9a-fA-F]{2}$/.test(hex)) {
        bytes.push(parseInt(hex, 16));
        i += 3;
        continue;
      }
      flush();
      value += dn[i + 1];
      i += 2;
      continue;
    }
    flush();
    value += c;
    i++;
  }
  flush();
  return value.trim();
}
