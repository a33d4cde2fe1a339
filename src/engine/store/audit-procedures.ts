import type { auditProcedures } from '../../contract/audit';
import type { HandlersOf } from '../../contract/dispatch';
import type { Engine } from '../lab';

export function auditHandlers(engine: Engine): HandlersOf<typeof auditProcedures> {
  return {
    'audit.list': async ({ event, text, before, limit }) =>
      engine.audit.query({ event, text }, { before, limit }),
  };
}
