import { join } from 'node:path';
import type { HandlersOf } from '../../contract/dispatch';
import { LabError } from '../../contract/envelope';
import type { pkiProcedures } from '../../contract/pki';
import type { AuditRepo } from '../store/audit-repo';
import { createLabPki, PkiExistsError } from './lab-pki';
import { defaultDnsNames, labPkiReport, localAddresses } from './lab-pki-defaults';

/** The part of the engine the lab PKI uses: where the data dir is, and the audit log. */
export interface PkiEngine {
  readonly opts: { readonly dataDir: string };
  readonly audit: Pick<AuditRepo, 'append'>;
}

export function pkiHandlers(engine: PkiEngine): HandlersOf<typeof pkiProcedures> {
  return {
    'pki.init': async ({ clients, days, force }) => {
      const dir = join(engine.opts.dataDir, 'pki');
      const dnsNames = defaultDnsNames();
      const ipAddresses = localAddresses();
      try {
        const files = await createLabPki({ dir, dnsNames, ipAddresses, clients, days, force });
        engine.audit.append('pki.created', { dir, clients, days });
        return {
          dir,
          ca: files.ca,
          server: files.server,
          report: labPkiReport(files, dnsNames, ipAddresses),
        };
      } catch (e) {
        if (e instanceof PkiExistsError)
          throw new LabError('conflict', `${e.message}: choose Replace to make new ones`);
        throw e;
      }
    },
  };
}
