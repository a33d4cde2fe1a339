import { createHash } from 'node:crypto';
import type { ServiceFactory } from '../../context';
import { TacacsServer } from './server';

const digest = (b?: Buffer): string | undefined => b && createHash('sha256').update(b).digest('hex');

/**
 * The TACACS+ service for the composition root: restart only when `tacacs:` listeners, limits or
 * TLS files change (compared by digest, so key material never sits in the comparison string);
 * devices, users and groups are read per request.
 */
export const tacacsServiceFactory: ServiceFactory = {
  name: 'tacacs',
  section: (lab) => ({
    tacacs: lab.config.tacacs,
    tls: lab.tls.tacacs && [
      digest(lab.tls.tacacs.cert),
      digest(lab.tls.tacacs.key),
      digest(lab.tls.tacacs.ca),
    ],
  }),
  create: (ctx, lab) => (lab.config.tacacs ? new TacacsServer(ctx) : undefined),
};
