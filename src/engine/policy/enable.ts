import { deny, type Decision } from './decision';

/**
 * TACACS+ enable (RFC 8907 §5.4.2.1, service ENABLE): an accepted password grants the requested
 * priv_lvl only when the user's groups reach it. The reason says which level was asked and granted.
 */
export function enableDecision(d: Decision, wanted: number): Decision {
  if (!d.allow) return d;
  const have = d.privLvl ?? 0;
  if (have >= wanted)
    return { ...d, reasons: [...d.reasons, `priv-lvl ${wanted} requested, groups allow ${have}`] };
  return deny([...d.reasons.slice(0, -1), `priv-lvl ${wanted} requested but groups allow only ${have}`], {
    user: d.user,
    groups: d.groups,
  });
}
