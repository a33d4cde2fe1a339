import QRCode from 'qrcode';
import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { usersMfaProcedures } from '../../contract/users-mfa';
import type { LoadedLab } from '../config/loaded-lab';
import type { AuditRepo } from '../store/audit-repo';
import { totpOf } from './mfa';

/** The part of the engine TOTP enrolment uses. */
export interface TotpEnrolmentEngine {
  readonly lab: LoadedLab;
  readonly audit: Pick<AuditRepo, 'append'>;
}

export function totpEnrolmentHandlers(engine: TotpEnrolmentEngine): HandlersOf<typeof usersMfaProcedures> {
  return {
    'users.totpEnrolment': async ({ username }) => {
      const user = engine.lab.config.users.find((u) => u.username === username);
      if (!user) throw new LabError('not_found', `user ${username} is not a local user of this lab`);
      if (!user.totp)
        throw new LabError(
          'invalid_input',
          `user ${username} has no TOTP secret (users[].totp in the lab file)`,
        );
      const uri = totpOf(user.totp.reveal(), username).toString();
      const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      // The secret is in the URI: who looked at it, and when, is worth a line.
      engine.audit.append('users.totp-enrolment-shown', { username });
      return { uri, svg };
    },
  };
}
