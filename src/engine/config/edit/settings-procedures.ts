import bcrypt from 'bcryptjs';
import type { HandlersOf } from '../../../contract/dispatch';
import type { Settings, settingsProcedures } from '../../../contract/settings';
import { formatHostPort } from '../host-port';
import { savePath, type LabApplyEngine } from '../apply-source';
import { editLab } from './edit-lab';
import { setSettings } from './settings-edit';

/** The web listener a host started over this engine (both hosts run the same one). */
export interface WebListenerInfo {
  scheme: 'http' | 'https';
  host: string;
  port: number;
}

/** The part of the engine the Settings screen uses. */
export interface SettingsEngine extends LabApplyEngine {
  readonly trace: { readonly ringSize: number };
  readonly webListener?: WebListenerInfo;
}

/** bcrypt's cost for the admin password: the admin login compares against it (about 50 ms). */
const BCRYPT_COST = 10;

export function settingsHandlers(engine: SettingsEngine): HandlersOf<typeof settingsProcedures> {
  return {
    'settings.get': async () => settingsOf(engine),
    'settings.set': async (input) => {
      const { admin, ...rest } = input;
      const passwordHash = admin?.password ? await bcrypt.hash(admin.password, BCRYPT_COST) : undefined;
      const edit = {
        ...rest,
        admin: admin === null ? null : admin && { username: admin.username, passwordHash },
      };
      const changed = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
      await editLab(
        engine,
        // The password itself is never audited: only that it changed.
        { action: 'settings.set', detail: { changed, adminPasswordChanged: Boolean(passwordHash) } },
        (doc) => setSettings(doc, edit),
      );
      return settingsOf(engine);
    },
  };
}

function settingsOf(engine: SettingsEngine): Settings {
  const c = engine.lab.config;
  const o = c.web.openid;
  const w = engine.webListener;
  return {
    trace: {
      ringSize: c.trace.ringSize,
      runningRingSize: engine.trace.ringSize,
      showSecrets: c.trace.showSecrets,
    },
    accounting: { retentionDays: c.accounting.retentionDays },
    admin: c.web.admin && { username: c.web.admin.username },
    openid: o && {
      issuerUrl: o.issuerUrl,
      clientId: o.clientId,
      redirectUri: o.redirectUri,
      hasClientSecret: o.clientSecret !== undefined,
      allowedGroups: o.allowedGroups,
      allowedEmailDomains: o.allowedEmailDomains,
    },
    web: {
      listen: c.web.listen,
      url: w && `${w.scheme}://${formatHostPort({ host: w.host, port: w.port })}`,
    },
    savesTo: savePath(engine),
  };
}
