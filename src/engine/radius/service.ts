import { createHash } from 'node:crypto';
import type { ServiceFactory } from '../context';
import { CoaResponder } from './coa/coa-responder';
import { RadsecServer } from './radsec/radsec-server';
import type { CoaDelegate } from './server/request-context';
import { RadiusServer } from './server/radius-server';
import { LiveSessions } from './server/sessions';

const digest = (b?: Buffer): string | undefined => b && createHash('sha256').update(b).digest('hex');

/**
 * The RADIUS services of one engine: auth/acct over UDP, the CoA/Disconnect responder and RadSec.
 * They share the live accounting sessions (the responder's `unknownSession` rule reads them) and
 * the responder (CoA arriving on a RadSec connection is answered by the same rules).
 */
export function radiusServiceFactories(): ServiceFactory[] {
  const sessions = new LiveSessions();
  let coa: CoaResponder | undefined;
  const responder = (ctx: ConstructorParameters<typeof CoaResponder>[0]) =>
    (coa ??= new CoaResponder(ctx, (id) => sessions.has(id)));
  const delegate =
    (ctx: ConstructorParameters<typeof CoaResponder>[0]): CoaDelegate =>
    (...args) =>
      responder(ctx).respond(...args);

  // Auth and acct are one service each (own sockets and duplicate cache), so either can be stopped
  // alone; a change to one's listeners does not restart the other.
  const udp = (kind: 'auth' | 'acct'): ServiceFactory => ({
    name: `radius-${kind}`,
    section: (lab) => ({
      radius: lab.config.radius && {
        ...lab.config.radius,
        radsec: undefined,
        [kind === 'auth' ? 'acct' : 'auth']: undefined,
      },
    }),
    create: (ctx, lab) =>
      lab.config.radius ? new RadiusServer(ctx, delegate(ctx), sessions, [kind]) : undefined,
  });

  return [
    udp('auth'),
    udp('acct'),
    {
      name: 'coa',
      section: (lab) => lab.config.coa?.listen,
      create: (ctx, lab) => {
        coa = new CoaResponder(ctx, (id) => sessions.has(id));
        return lab.config.coa ? coa : undefined;
      },
    },
    {
      name: 'radsec',
      section: (lab) => ({
        radsec: lab.config.radius?.radsec,
        tls: lab.tls.radsec && [
          digest(lab.tls.radsec.cert),
          digest(lab.tls.radsec.key),
          digest(lab.tls.radsec.ca),
        ],
      }),
      create: (ctx, lab) =>
        lab.config.radius?.radsec ? new RadsecServer(ctx, responder(ctx), sessions) : undefined,
    },
  ];
}
