import { createHash } from 'node:crypto';
import type { ServiceFactory } from '../../context';
import { TacacsServer } from './server';

const digest = (b?: Buffer): string | undefined => b && createHash('sha256').update(b).digest('hex');

/**
 * The TACACS+ service (plain TCP) for the composition root: restart only when `tacacs:` listeners
 * or limits change; devices, users and groups are read per request.
 */
export const tacacsServiceFactory: ServiceFactory = {
  name: 'tacacs',
  section: (lab) => ({ tacacs: lab.config.tacacs && { ...lab.config.tacacs, tls: undefined } }),
  create: (ctx, lab) => (lab.config.tacacs?.listen.length ? new TacacsServer(ctx, ['tcp']) : undefined),
};

/**
 * TACACS+ over TLS 1.3 (RFC 9887) as a service of its own, stopped and started apart from TCP; TLS
 * files are compared by digest, so key material never sits in the comparison string.
 */
export const tacacsTlsServiceFactory: ServiceFactory = {
  name: 'tacacs-tls',
  section: (lab) => ({
    tacacs: lab.config.tacacs,
    tls: lab.tls.tacacs && [
      digest(lab.tls.tacacs.cert),
      digest(lab.tls.tacacs.key),
      digest(lab.tls.tacacs.ca),
    ],
  }),
  create: (ctx, lab) =>
    lab.config.tacacs?.tls && lab.tls.tacacs ? new TacacsServer(ctx, ['tls']) : undefined,
};
