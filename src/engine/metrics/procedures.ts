import type { HandlersOf } from '../../contract/dispatch';
import type { observabilityProcedures, TacacsConnectionDto } from '../../contract/observability';
import type { AccountingRepo } from '../store/accounting-repo';
import type { AuditRepo } from '../store/audit-repo';
import type { SessionsRepo } from '../store/sessions-repo';
import { metricsSnapshot, resetCounters, type SnapshotSource } from './metrics-snapshot';

/** The part of the engine accounting.query, sessions.list and stats.* read. */
export interface ObservabilityEngine extends SnapshotSource, ServiceSource {
  readonly accounting: Pick<AccountingRepo, 'query' | 'count'>;
  readonly sessions: Pick<SessionsRepo, 'list'>;
  readonly audit: Pick<AuditRepo, 'append'>;
}

/** accounting.query, sessions.list, stats.get, stats.reset over one engine. */
export function observabilityHandlers(
  engine: ObservabilityEngine,
): HandlersOf<typeof observabilityProcedures> {
  return {
    'accounting.query': async ({ cursor, limit, ...filter }) => {
      const records = engine.accounting.query({ ...filter, before: cursor, limit: limit + 1 });
      const more = records.length > limit;
      const page = more ? records.slice(0, limit) : records;
      return {
        records: page,
        total: engine.accounting.count(filter),
        nextCursor: more ? page.at(-1)?.id : undefined,
      };
    },
    'sessions.list': async (input) => ({
      accounting: engine.sessions.list(input),
      connections: tacacsConnections(engine),
    }),
    'stats.get': async () => metricsSnapshot(engine),
    'stats.reset': async () => {
      resetCounters(engine.metrics.registry);
      engine.audit.append('stats.reset', {});
      return { reset: true };
    },
  };
}

/** Services that track connections (the TACACS+ server) expose `connections()`; the rest do not. */
export interface ConnectionSource {
  connections(): TacacsConnectionDto[];
}

/** The engine's running services. */
export interface ServiceSource {
  services(): object[];
}

export function tacacsConnections(engine: ServiceSource): TacacsConnectionDto[] {
  return engine.services().flatMap((s) => (hasConnections(s) ? s.connections() : []));
}

function hasConnections(s: object): s is ConnectionSource {
  return typeof (s as Partial<ConnectionSource>).connections === 'function';
}
