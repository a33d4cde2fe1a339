import type { auditProcedures } from '../../contract/audit';
import type { HandlersOf } from '../../contract/dispatch';
import type { AuditRepo } from './audit-repo';

/** The part of the engine the Audit screen reads. */
export interface AuditEngine {
  readonly audit: Pick<AuditRepo, 'query'>;
}

export function auditHandlers(engine: AuditEngine): HandlersOf<typeof auditProcedures> {
  return {
    'audit.list': async ({ event, text, before, limit }) =>
      engine.audit.query({ event, text }, { before, limit }),
  };
}
