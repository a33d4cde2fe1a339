import type { AttrInput } from '../codec/build';
import { CODES } from '../codec/constants';

/**
 * Vendor CoA recipes (the opencoa idea: one generic endpoint plus vendor-specific ones). Each names
 * the session the way that platform expects and adds the vendor command.
 */
export interface PresetArgs {
  /** Acct-Session-Id of the session. */
  session?: string;
  /** Client MAC (Calling-Station-Id). */
  mac?: string;
  user?: string;
  /** Cisco audit-session-id (IOS-XE). */
  auditSessionId?: string;
  /** Service name (ASR9k service activate/deactivate) or role (Aruba). */
  service?: string;
  role?: string;
  framedIp?: string;
}

export interface Preset {
  name: string;
  description: string;
  code: number;
  build(a: PresetArgs): AttrInput[];
}

const sessionIds = (a: PresetArgs): AttrInput[] => [
  ...(a.session ? [{ name: 'Acct-Session-Id', value: a.session }] : []),
  ...(a.mac ? [{ name: 'Calling-Station-Id', value: a.mac }] : []),
  ...(a.user ? [{ name: 'User-Name', value: a.user }] : []),
  ...(a.framedIp ? [{ name: 'Framed-IP-Address', value: a.framedIp }] : []),
];
const cisco = (v: string): AttrInput => ({ name: 'Cisco-AVPair', value: v });
const iosxe = (a: PresetArgs, command: string): AttrInput[] => [
  ...sessionIds(a),
  ...(a.auditSessionId ? [cisco(`audit-session-id=${a.auditSessionId}`)] : []),
  cisco(`subscriber:command=${command}`),
];

export const PRESETS: Preset[] = [
  {
    name: 'generic-coa',
    description: 'CoA-Request with the session identifiers only',
    code: CODES['CoA-Request'],
    build: sessionIds,
  },
  {
    name: 'generic-disconnect',
    description: 'Disconnect-Request for the session',
    code: CODES['Disconnect-Request'],
    build: sessionIds,
  },
  {
    name: 'cisco-iosxe-reauthenticate',
    description: 'Cisco IOS-XE: re-run authentication for the session',
    code: CODES['CoA-Request'],
    build: (a) => [...iosxe(a, 'reauthenticate'), cisco('subscriber:reauthenticate-type=last')],
  },
  {
    name: 'cisco-iosxe-port-bounce',
    description: 'Cisco IOS-XE: bounce the host port',
    code: CODES['CoA-Request'],
    build: (a) => iosxe(a, 'bounce-host-port'),
  },
  {
    name: 'cisco-iosxe-port-disable',
    description: 'Cisco IOS-XE: disable the host port',
    code: CODES['CoA-Request'],
    build: (a) => iosxe(a, 'disable-host-port'),
  },
  {
    name: 'cisco-asr9k-account-logon',
    description: 'Cisco ASR9k/IOS-XR BNG: subscriber account logon',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), cisco('subscriber:command=account-logon')],
  },
  {
    name: 'cisco-asr9k-account-logoff',
    description: 'Cisco ASR9k/IOS-XR BNG: subscriber account logoff',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), cisco('subscriber:command=account-logoff')],
  },
  {
    name: 'cisco-asr9k-service-activate',
    description: 'Cisco ASR9k BNG: activate a service (subscriber:sa=)',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), cisco(`subscriber:sa=${a.service ?? 'SERVICE'}`)],
  },
  {
    name: 'cisco-asr9k-service-deactivate',
    description: 'Cisco ASR9k BNG: deactivate a service (subscriber:sd=)',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), cisco(`subscriber:sd=${a.service ?? 'SERVICE'}`)],
  },
  {
    name: 'juniper-port-bounce',
    description: 'Juniper EX/QFX: bounce the port of the session',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), { name: 'Juniper-AV-Pair', value: 'Port-Bounce' }],
  },
  {
    name: 'juniper-disconnect',
    description: 'Juniper: disconnect the session',
    code: CODES['Disconnect-Request'],
    build: sessionIds,
  },
  {
    name: 'aruba-change-role',
    description: 'Aruba: change the user role',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), { name: 'Aruba-User-Role', value: a.role ?? a.service ?? 'guest' }],
  },
  {
    name: 'aruba-port-bounce',
    description: 'Aruba AOS-CX: bounce the host port for 10 s',
    code: CODES['CoA-Request'],
    build: (a) => [...sessionIds(a), { name: 'Aruba-Port-Bounce-Host', value: 10 }],
  },
  {
    name: 'aruba-disconnect',
    description: 'Aruba: disconnect the client',
    code: CODES['Disconnect-Request'],
    build: sessionIds,
  },
];

export function preset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
