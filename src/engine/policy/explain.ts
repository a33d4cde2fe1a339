import type { ExplainOutput } from '../../contract/schemas';
import { explainLine, type Decision } from './decision';
import type { DeviceMatch } from './devices';
import type { Policy } from './policy';

export interface ExplainInput {
  username: string;
  device?: string;
  command?: string;
  password?: string;
  service?: 'login' | 'enable';
}

/** "Why?": what the lab would answer for this user, device and command, step by step. */
export async function explain(policy: Policy, input: ExplainInput): Promise<ExplainOutput> {
  const device = findDevice(policy, input.device);
  const deviceNote =
    input.device && !device
      ? [`no device matches "${input.device}": a real request from it would be refused`]
      : [];
  let authentication: Decision | undefined;
  if (input.password !== undefined && input.password !== '') {
    authentication = await policy.authenticate({
      device,
      username: input.username,
      credentials: { kind: 'password', password: input.password },
      service: input.service ?? 'login',
    });
  }
  const authorized = await policy.authorize({
    device,
    username: input.username,
    command: input.command?.trim() || undefined,
  });
  // Policy's decisions are shared and frozen: the note goes on a copy.
  const authorization = deviceNote.length
    ? { ...authorized, reasons: [...deviceNote, ...authorized.reasons] }
    : authorized;
  const shown = authentication && !authentication.allow ? authentication : authorization;
  return {
    device: device ? { name: device.device.name, cidr: device.cidr } : undefined,
    authentication: authentication && dto(authentication),
    authorization: dto(authorization),
    summary: explainLine(shown),
  };
}

function findDevice(policy: Policy, text?: string): DeviceMatch | undefined {
  if (!text) return undefined;
  const byName = policy.lab.config.devices.find((d) => d.name === text);
  if (byName) return { device: byName, cidr: byName.match };
  return policy.device(text);
}

function dto(d: Decision) {
  return {
    allow: d.allow,
    reasons: [...d.reasons],
    user: d.user,
    groups: [...d.groups],
    privLvl: d.privLvl,
    avPairs: [...d.avPairs],
    radiusReply: d.radiusReply.map(([k, v]): [string, string | number] => [k, v]),
    backend: d.backend,
  };
}
