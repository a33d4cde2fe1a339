/**
 * How each platform fills its AAA packets, so a virtual NAS session looks like the real device's:
 * TACACS+ port names, the ASCII login dialog and authorization AV pairs; RADIUS attribute sets for
 * 802.1X/MAB sessions. From the vendors' AAA configuration guides (Cisco IOS-XE "Security
 * Configuration Guide: TACACS+" and "RADIUS Attributes", Junos "TACACS+ Authentication" /
 * "RADIUS Attributes", Arista EOS "AAA").
 */
export interface NasTemplate {
  name: string;
  tacacs: {
    port: string;
    remAddr: string;
    /** IOS asks the user name with GETUSER (empty user in START); Junos and EOS send it in START. */
    userInStart: boolean;
    /** Exec (shell start) authorization AV pairs. */
    exec: string[];
    /** A command line's authorization AV pairs. */
    command(line: string): string[];
  };
  radius: {
    access(session: SessionIds): Record<string, string | string[]>;
    accounting(session: SessionIds): Record<string, string | string[]>;
  };
}

export interface SessionIds {
  acctSessionId: string;
  mac: string;
  auditSessionId: string;
}

/** IOS and EOS: cmd=<first word>, cmd-arg=<each further word>, cmd-arg=<cr>. */
const iosCommand = (line: string): string[] => {
  const [cmd = '', ...rest] = line.trim().split(/\s+/);
  return ['service=shell', `cmd=${cmd}`, ...rest.map((a) => `cmd-arg=${a}`), 'cmd-arg=<cr>'];
};
const dashed = (mac: string) => mac.replace(/:/g, '-').toUpperCase();

export const NAS_TEMPLATES: Record<'ios-xe' | 'junos' | 'eos', NasTemplate> = {
  'ios-xe': {
    name: 'Cisco IOS-XE',
    tacacs: {
      port: 'tty2',
      remAddr: '192.0.2.10',
      userInStart: false,
      exec: ['service=shell', 'cmd='],
      command: iosCommand,
    },
    radius: {
      access: (s) => ({
        'Service-Type': 'Framed-User',
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'GigabitEthernet1/0/1',
        'Calling-Station-Id': dashed(s.mac),
        'Called-Station-Id': '00-AA-BB-CC-DD-01',
        'Cisco-AVPair': [`audit-session-id=${s.auditSessionId}`, 'method=dot1x'],
      }),
      accounting: (s) => ({
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'GigabitEthernet1/0/1',
        'Calling-Station-Id': dashed(s.mac),
        'Acct-Authentic': 'RADIUS',
        'Cisco-AVPair': [`audit-session-id=${s.auditSessionId}`],
      }),
    },
  },
  junos: {
    name: 'Juniper Junos',
    tacacs: {
      port: 'ttyp0',
      remAddr: '192.0.2.11',
      userInStart: true,
      // Junos asks for the login class with service=junos-exec and filters commands itself;
      // per-command authorization uses the same service with the whole line in cmd.
      exec: ['service=junos-exec'],
      command: (line) => ['service=junos-exec', `cmd=${line.trim()}`],
    },
    radius: {
      access: (s) => ({
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'ge-0/0/1.0',
        'Calling-Station-Id': s.mac.toLowerCase(),
      }),
      accounting: (s) => ({
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'ge-0/0/1.0',
        'Calling-Station-Id': s.mac.toLowerCase(),
        'Acct-Authentic': 'RADIUS',
      }),
    },
  },
  eos: {
    name: 'Arista EOS',
    tacacs: {
      port: 'tty1',
      remAddr: '192.0.2.12',
      userInStart: true,
      exec: ['service=shell', 'cmd='],
      command: iosCommand,
    },
    radius: {
      access: (s) => ({
        'Service-Type': 'Framed-User',
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'Ethernet1',
        'Calling-Station-Id': dashed(s.mac),
      }),
      accounting: (s) => ({
        'NAS-Port-Type': 'Ethernet',
        'NAS-Port-Id': 'Ethernet1',
        'Calling-Station-Id': dashed(s.mac),
        'Acct-Authentic': 'RADIUS',
      }),
    },
  },
};
