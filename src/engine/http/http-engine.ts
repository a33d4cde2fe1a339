import type { Registry } from 'prom-client';
import type { Handlers } from '../../contract/dispatch';
import type { LabError } from '../../contract/envelope';
import type { LabStatus, Listener } from '../../contract/schemas';
import type { LoadedLab } from '../config/loaded-lab';
import type { Logger } from '../context';
import type { AccountingRepo } from '../store/accounting-repo';
import type { AuditRepo } from '../store/audit-repo';
import type { SessionsRepo } from '../store/sessions-repo';
import type { TraceStore } from '../trace/trace-store';

/**
 * The part of the engine its web listener uses (/api/health, /metrics, the REST API). The Engine
 * satisfies it; the routes never see the class.
 */
export interface HttpEngine {
  readonly lab: LoadedLab;
  readonly opts: { readonly env?: Record<string, string | undefined> };
  readonly metrics: { readonly registry: Registry };
  readonly accounting: AccountingRepo;
  readonly sessions: Pick<SessionsRepo, 'list'>;
  readonly trace: Pick<TraceStore, 'list' | 'records' | 'tlsKeys'>;
  readonly audit: Pick<AuditRepo, 'append' | 'query'>;
  status(): LabStatus;
  /** The running services (the TACACS+ server's connections for /api/sessions). */
  services(): object[];
  apply(lab: LoadedLab): Promise<void>;
  noteReloadFailure(error: LabError): void;
  /** The listener this server bound, shown with the services (never stoppable from the page). */
  noteWebListener(listener: Listener | undefined): void;
  readonly log: Logger;
  /** The contract's procedures, for the REST test-client routes (api-client.ts). */
  readonly handlers: Handlers;
}
