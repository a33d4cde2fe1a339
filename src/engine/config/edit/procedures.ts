import type { HandlersOf } from '../../../contract/dispatch';
import { LabError } from '../../../contract/envelope';
import type { labEditProcedures } from '../../../contract/lab-edit';
import type { LabStatus } from '../../../contract/schemas';
import { SECRET_MASK, type Secret } from '../../secret';
import type { LabApplyEngine } from '../apply-source';
import { fieldError, removeItem, upsertDevice, upsertGroup, upsertUser } from './entities';
import { editLab } from './edit-lab';

/** The part of the engine the device, user and group editors use. */
export interface LabEditEngine extends LabApplyEngine {
  status(): LabStatus;
}

export function labEditHandlers(engine: LabEditEngine): HandlersOf<typeof labEditProcedures> {
  const show = (s: Secret | undefined, reveal: boolean) => s && (reveal ? s.reveal() : SECRET_MASK);
  return {
    'devices.get': async ({ name, reveal }) => {
      const d = engine.lab.config.devices.find((x) => x.name === name);
      if (!d) throw new LabError('not_found', `device "${name}" is not in the lab`);
      // Who looked at a device's secrets, and when, is worth a line.
      if (reveal) engine.audit.append('devices.secrets-revealed', { name });
      return {
        name: d.name,
        match: d.match,
        vendor: d.vendor,
        requireMessageAuthenticator: d.requireMessageAuthenticator,
        tacacsSecret: show(d.tacacsSecret, reveal),
        radiusSecret: show(d.radiusSecret, reveal),
        coaSecret: show(d.coaSecret, reveal),
        revealed: reveal,
      };
    },
    'devices.upsert': async ({ original, device }) => {
      notMasks(device, ['tacacsSecret', 'radiusSecret', 'coaSecret']);
      await editLab(engine, { action: 'devices.upserted', detail: { name: device.name, original } }, (doc) =>
        upsertDevice(doc, original, device),
      );
      return engine.status();
    },
    'devices.remove': async ({ name }) => {
      await editLab(engine, { action: 'devices.removed', detail: { name } }, (doc) =>
        removeItem(doc, 'devices', name),
      );
      return engine.status();
    },
    'users.get': async ({ username, reveal }) => {
      const u = engine.lab.config.users.find((x) => x.username === username);
      if (!u) throw new LabError('not_found', `user "${username}" is not in the lab`);
      if (reveal) engine.audit.append('users.secrets-revealed', { username });
      return {
        username: u.username,
        groups: u.groups,
        disabled: u.disabled,
        password: show(u.password, reveal),
        enable: show(u.enable, reveal),
        totp: show(u.totp, reveal),
        radiusReply: u.radiusReply,
        revealed: reveal,
      };
    },
    'users.upsert': async ({ original, user }) => {
      notMasks(user, ['password', 'enable', 'totp']);
      await editLab(
        engine,
        { action: 'users.upserted', detail: { username: user.username, original } },
        (doc) => upsertUser(doc, original, user),
      );
      return engine.status();
    },
    'users.remove': async ({ username }) => {
      await editLab(engine, { action: 'users.removed', detail: { username } }, (doc) =>
        removeItem(doc, 'users', username),
      );
      return engine.status();
    },
    'groups.upsert': async ({ original, group }) => {
      await editLab(engine, { action: 'groups.upserted', detail: { name: group.name, original } }, (doc) =>
        upsertGroup(doc, original, group),
      );
      return engine.status();
    },
    'groups.remove': async ({ name }) => {
      await editLab(engine, { action: 'groups.removed', detail: { name } }, (doc) =>
        removeItem(doc, 'groups', name),
      );
      return engine.status();
    },
  };
}

/** The mask the editor shows is never a secret: saving it back would replace the real one. */
function notMasks<T extends object>(item: T, keys: Array<keyof T & string>): void {
  for (const k of keys)
    if (item[k] === SECRET_MASK)
      throw fieldError(k, 'is the mask shown in place of the secret; leave it out to keep the current one');
}
