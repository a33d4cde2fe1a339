import type { ServiceState } from '../../../contract/schemas';
import { junosLogin, privLevels, type GroupLevel } from './switch-policy';

/**
 * Generates the AAA configuration a network engineer pastes into a switch so that it talks to
 * this lab: TACACS+ (RFC 8907) for login/exec/command authorization and accounting, RADIUS
 * (RFC 2865/2866) for network access, and a dynamic-authorization client (RFC 5176) so the lab's
 * CoA client may send CoA/Disconnect to the switch. Pure: no DOM, no network.
 */
export const platforms = [
  { id: 'ios', label: 'Cisco IOS / IOS-XE' },
  { id: 'nxos', label: 'Cisco NX-OS' },
  { id: 'iosxr', label: 'Cisco IOS-XR' },
  { id: 'junos', label: 'Juniper Junos' },
  { id: 'eos', label: 'Arista EOS' },
  { id: 'aoscx', label: 'HPE Aruba AOS-CX' },
] as const;
export type PlatformId = (typeof platforms)[number]['id'];

export interface LabEndpoints {
  /** Address the switch uses to reach the lab (and the source of the lab's CoA requests). */
  address: string;
  tacacsPort?: number;
  radiusAuthPort?: number;
  radiusAcctPort?: number;
}

export interface SnippetInput {
  platform: PlatformId;
  device: { name: string; tacacs: boolean; radius: boolean; coa: boolean };
  lab: LabEndpoints;
  secrets: { tacacs: string; radius: string; coa: string };
  /** Server-group name on the switch. */
  group?: string;
  /** The lab's groups: command authorization per privilege level, Junos classes per group. */
  groups?: readonly GroupLevel[];
}

/** Placeholder used when the lab listens on a wildcard address: the switch needs a routable one. */
export const LAB_IP_PLACEHOLDER = 'LAB-IP';

const wildcard = new Set(['0.0.0.0', '::', '[::]', '']);

/** First TACACS+ (TCP) and RADIUS auth/acct listeners of the running lab. */
export function labEndpoints(services: readonly ServiceState[], addressOverride?: string): LabEndpoints {
  const listeners = services.flatMap((s) => s.listeners);
  const tacacs = listeners.find((l) => l.service === 'tacacs');
  const auth = listeners.find((l) => l.service === 'radius-auth');
  const acct = listeners.find((l) => l.service === 'radius-acct');
  const seen = tacacs?.address ?? auth?.address ?? acct?.address ?? '';
  const override = addressOverride?.trim();
  const address = override || (wildcard.has(seen) ? LAB_IP_PLACEHOLDER : seen);
  const out: LabEndpoints = { address };
  if (tacacs) out.tacacsPort = tacacs.port;
  if (auth) out.radiusAuthPort = auth.port;
  if (acct) out.radiusAcctPort = acct.port;
  return out;
}

interface Parts {
  tacacs?: number;
  auth?: number;
  acct: number;
  coa: boolean;
  addr: string;
  v6: boolean;
  g: string;
  s: SnippetInput['secrets'];
  groups?: readonly GroupLevel[];
}

export function switchConfig(input: SnippetInput): string {
  const { device, lab } = input;
  const parts: Parts = {
    addr: lab.address,
    v6: lab.address.includes(':'),
    g: input.group ?? 'AAA-LAB',
    s: input.secrets,
    groups: input.groups,
    coa: device.coa,
    acct: lab.radiusAcctPort ?? (lab.radiusAuthPort ?? 1812) + 1,
  };
  if (device.tacacs && lab.tacacsPort !== undefined) parts.tacacs = lab.tacacsPort;
  if (device.radius && lab.radiusAuthPort !== undefined) parts.auth = lab.radiusAuthPort;
  const comment = input.platform === 'junos' ? '#' : '!';
  const head = `${comment} AAA Lab → ${platformLabel(input.platform)} for device "${device.name}"`;
  if (parts.tacacs === undefined && parts.auth === undefined && !parts.coa) {
    return `${head}\n${comment} This device has no TACACS+, RADIUS or CoA secret in the lab file: nothing to configure.\n`;
  }
  return [head, ...generators[input.platform](parts), ''].join('\n');
}

export function platformLabel(id: PlatformId): string {
  return platforms.find((p) => p.id === id)?.label ?? id;
}

/** The method list a login uses: TACACS+ when the device has it, else RADIUS; always local fallback. */
function loginGroup(p: Parts, tacacsName: string, radiusName: string): string {
  return p.tacacs !== undefined ? tacacsName : radiusName;
}

const generators: Record<PlatformId, (p: Parts) => string[]> = {
  ios: (p) => {
    const ip = p.v6 ? 'ipv6' : 'ipv4';
    const out = ['aaa new-model', '!'];
    if (p.tacacs !== undefined) {
      out.push(
        `tacacs server ${p.g}`,
        ` address ${ip} ${p.addr}`,
        ` port ${p.tacacs}`,
        ` key 0 ${p.s.tacacs}`,
      );
      out.push(
        ' single-connection',
        '!',
        `aaa group server tacacs+ ${p.g}-TACACS`,
        ` server name ${p.g}`,
        '!',
      );
    }
    if (p.auth !== undefined) {
      out.push(`radius server ${p.g}`, ` address ${ip} ${p.addr} auth-port ${p.auth} acct-port ${p.acct}`);
      out.push(
        ` key 0 ${p.s.radius}`,
        '!',
        `aaa group server radius ${p.g}-RADIUS`,
        ` server name ${p.g}`,
        '!',
      );
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      const login = `group ${loginGroup(p, `${p.g}-TACACS`, `${p.g}-RADIUS`)}`;
      out.push(`aaa authentication login default ${login} local`);
      out.push(`aaa authorization exec default ${login} local if-authenticated`);
    }
    if (p.tacacs !== undefined) {
      // Every privilege level the lab's groups use: a level left out is never authorized per command.
      for (const lvl of privLevels(p.groups))
        out.push(`aaa authorization commands ${lvl} default group ${p.g}-TACACS local if-authenticated`);
      out.push(`aaa accounting exec default start-stop group ${p.g}-TACACS`);
      for (const lvl of privLevels(p.groups))
        out.push(`aaa accounting commands ${lvl} default start-stop group ${p.g}-TACACS`);
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      out.push('! The lab matches devices by source address: send from the address it knows this device by.');
      if (p.tacacs !== undefined) out.push('ip tacacs source-interface Loopback0');
      if (p.auth !== undefined) out.push('ip radius source-interface Loopback0');
    }
    if (p.auth !== undefined) {
      out.push(`aaa authentication dot1x default group ${p.g}-RADIUS`);
      out.push(`aaa authorization network default group ${p.g}-RADIUS`);
      out.push(`aaa accounting network default start-stop group ${p.g}-RADIUS`);
    }
    if (p.coa) {
      out.push(
        '!',
        'aaa server radius dynamic-author',
        ` client ${p.addr} server-key 0 ${p.s.coa}`,
        ' port 3799',
      );
    }
    return out;
  },
  nxos: (p) => {
    const out: string[] = [];
    if (p.tacacs !== undefined) {
      out.push('feature tacacs+', `tacacs-server host ${p.addr} key 0 "${p.s.tacacs}" port ${p.tacacs}`);
      out.push(`aaa group server tacacs+ ${p.g}-TACACS`, `  server ${p.addr}`, '  use-vrf management');
    }
    if (p.auth !== undefined) {
      out.push(`radius-server host ${p.addr} key 0 "${p.s.radius}" auth-port ${p.auth} acct-port ${p.acct}`);
      out.push(`aaa group server radius ${p.g}-RADIUS`, `  server ${p.addr}`, '  use-vrf management');
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      out.push(`aaa authentication login default group ${loginGroup(p, `${p.g}-TACACS`, `${p.g}-RADIUS`)}`);
    }
    if (p.tacacs !== undefined) {
      out.push(`aaa authorization commands default group ${p.g}-TACACS local`);
      out.push(`aaa authorization config-commands default group ${p.g}-TACACS local`);
      out.push(`aaa accounting default group ${p.g}-TACACS`);
    }
    if (p.auth !== undefined) out.push(`aaa authentication dot1x default group ${p.g}-RADIUS`);
    if (p.coa) out.push('! CoA (RFC 5176): enable dynamic authorization for your NX-OS release by hand.');
    return out;
  },
  iosxr: (p) => {
    const out: string[] = [];
    if (p.tacacs !== undefined) {
      out.push(
        `tacacs-server host ${p.addr} port ${p.tacacs}`,
        ` key 0 ${p.s.tacacs}`,
        ' single-connect',
        '!',
      );
      out.push(`aaa group server tacacs+ ${p.g}-TACACS`, ` server ${p.addr}`, '!');
    }
    if (p.auth !== undefined) {
      out.push(
        `radius-server host ${p.addr} auth-port ${p.auth} acct-port ${p.acct}`,
        ` key 0 ${p.s.radius}`,
        '!',
      );
      out.push(
        `aaa group server radius ${p.g}-RADIUS`,
        ` server ${p.addr} auth-port ${p.auth} acct-port ${p.acct}`,
      );
      out.push('!');
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      const login = `group ${loginGroup(p, `${p.g}-TACACS`, `${p.g}-RADIUS`)}`;
      out.push(
        `aaa authentication login default ${login} local`,
        `aaa authorization exec default ${login} local`,
      );
    }
    if (p.tacacs !== undefined) {
      out.push(`aaa authorization commands default group ${p.g}-TACACS none`);
      out.push(`aaa accounting exec default start-stop group ${p.g}-TACACS`);
      out.push(`aaa accounting commands default start-stop group ${p.g}-TACACS`);
    }
    if (p.coa)
      out.push('! CoA (RFC 5176) applies to subscriber sessions (BNG) on IOS-XR: configure it there.');
    out.push('commit');
    return out;
  },
  junos: (p) => {
    const out: string[] = [];
    const order: string[] = [];
    if (p.tacacs !== undefined) {
      out.push(
        `set system tacplus-server ${p.addr} port ${p.tacacs} secret "${p.s.tacacs}" single-connection`,
      );
      out.push('set system accounting events [ login change-log interactive-commands ]');
      out.push(
        `set system accounting destination tacplus server ${p.addr} port ${p.tacacs} secret "${p.s.tacacs}"`,
      );
      order.push('tacplus');
    }
    if (p.auth !== undefined) {
      out.push(
        `set system radius-server ${p.addr} port ${p.auth} accounting-port ${p.acct} secret "${p.s.radius}"`,
      );
      order.push('radius');
    }
    if (order.length > 0) {
      out.push(`set system authentication-order [ ${order.join(' ')} password ]`);
      out.push(...junosLogin(p.groups, '#'));
    }
    if (p.coa) out.push('# CoA (RFC 5176): configure dynamic-request for your access profile by hand.');
    out.push('commit');
    return out;
  },
  eos: (p) => {
    const out: string[] = [];
    if (p.tacacs !== undefined) {
      out.push(`tacacs-server host ${p.addr} single-connection port ${p.tacacs} key 0 ${p.s.tacacs}`);
      out.push(`aaa group server tacacs+ ${p.g}-TACACS`, `   server ${p.addr} port ${p.tacacs}`, '!');
    }
    if (p.auth !== undefined) {
      out.push(`radius-server host ${p.addr} auth-port ${p.auth} acct-port ${p.acct} key 0 ${p.s.radius}`);
      out.push(
        `aaa group server radius ${p.g}-RADIUS`,
        `   server ${p.addr} auth-port ${p.auth} acct-port ${p.acct}`,
      );
      out.push('!');
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      const login = `group ${loginGroup(p, `${p.g}-TACACS`, `${p.g}-RADIUS`)}`;
      out.push(
        `aaa authentication login default ${login} local`,
        `aaa authorization exec default ${login} local`,
      );
    }
    if (p.tacacs !== undefined) {
      out.push(`aaa authorization commands all default group ${p.g}-TACACS local`);
      out.push(`aaa accounting exec default start-stop group ${p.g}-TACACS`);
      out.push(`aaa accounting commands all default start-stop group ${p.g}-TACACS`);
    }
    if (p.auth !== undefined) out.push(`aaa authentication dot1x default group ${p.g}-RADIUS`);
    if (p.coa) out.push('! CoA (RFC 5176): enable dot1x dynamic authorization for your EOS release by hand.');
    return out;
  },
  aoscx: (p) => {
    const out: string[] = [];
    if (p.tacacs !== undefined) {
      out.push(`tacacs-server host ${p.addr} key plaintext ${p.s.tacacs} port ${p.tacacs} vrf mgmt`);
      out.push(`aaa group server tacacs ${p.g}-TACACS`, `    server ${p.addr} port ${p.tacacs} vrf mgmt`);
    }
    if (p.auth !== undefined) {
      out.push(
        `radius-server host ${p.addr} key plaintext ${p.s.radius} auth-port ${p.auth} acct-port ${p.acct} vrf mgmt`,
      );
      out.push(`aaa group server radius ${p.g}-RADIUS`, `    server ${p.addr} auth-port ${p.auth} vrf mgmt`);
    }
    if (p.tacacs !== undefined || p.auth !== undefined) {
      out.push(
        `aaa authentication login default group ${loginGroup(p, `${p.g}-TACACS`, `${p.g}-RADIUS`)} local`,
      );
    }
    if (p.tacacs !== undefined) {
      out.push(`aaa authorization commands default group ${p.g}-TACACS none`);
      out.push(`aaa accounting all-mgmt default start-stop group ${p.g}-TACACS`);
    }
    if (p.coa) {
      out.push(`radius dyn-authorization client ${p.addr} secret-key plaintext ${p.s.coa} vrf mgmt`);
      out.push('radius dyn-authorization enable');
    }
    return out;
  },
};
