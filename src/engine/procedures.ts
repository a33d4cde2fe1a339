import type { Handlers, HandlersOf } from '../contract/dispatch';
import { applyLab, parseForEngine } from './config/apply-source';
import { auditHandlers, type AuditEngine } from './store/audit-procedures';
import { totpEnrolmentHandlers, type TotpEnrolmentEngine } from './policy/totp-procedures';
import { pkiHandlers, type PkiEngine } from './pki/procedures';
import { serversHandlers, type ServersEngine } from './servers/procedures';
import { labEditHandlers, type LabEditEngine } from './config/edit/procedures';
import { settingsHandlers, type SettingsEngine } from './config/edit/settings-procedures';
import type { coreProcedures } from '../contract/procedures';
import { LabError } from '../contract/envelope';
import type { LabStatus } from '../contract/schemas';
import { decryptedView } from './decrypted-view';
import { toHex } from './hex';
import { ConfigError } from './config/load';
import type { LoadedLab } from './config/loaded-lab';
import type { EventBus } from './events';
import { explain } from './policy/explain';
import type { Policy } from './policy/policy';
import type { LabFileWatch } from './config/lab-file-watch';
import { observabilityHandlers, type ObservabilityEngine } from './metrics/procedures';
import { statsHistoryHandlers, type StatsHistoryEngine } from './metrics/stats-procedures';
import { backendsHandlers, type BackendsEngine } from './backends/procedures';
import { eapClientHandlers, testClientHandlers, type TestClientEngine } from './test-client/procedures';
import { exportHandlers, type ExportEngine } from './export/procedures';
import type { AuditRepo } from './store/audit-repo';
import type { TraceStore } from './trace/trace-store';
import { innerConversation } from './trace/inner-records';
import { webConsoleHandlers } from './http/admin/procedures';
import { benchHandlers, type BenchEngine } from './bench/procedures';
import { loadHandlers, type LoadEngine } from './bench/load/procedures';

/** The part of the engine the lab, config, policy and trace procedures use. */
export interface CoreEngine {
  readonly lab: LoadedLab;
  readonly policy: Policy;
  readonly opts: {
    readonly defaultConfigPath: string;
    readonly dataDir: string;
    readonly env?: Record<string, string | undefined>;
  };
  readonly audit: Pick<AuditRepo, 'append'>;
  readonly trace: Pick<TraceStore, 'list' | 'get' | 'peek' | 'clear' | 'twinOf'>;
  readonly events: Pick<EventBus, 'emit'>;
  readonly labFile: Pick<LabFileWatch, 'check'>;
  status(): LabStatus;
  start(): Promise<LabStatus>;
  stop(): Promise<void>;
  apply(lab: LoadedLab): Promise<void>;
  noteReloadFailure(error: LabError): void;
}

/** Everything the procedures use: the Engine satisfies it; none of them sees the class. */
export type ProceduresEngine = CoreEngine &
  ObservabilityEngine &
  StatsHistoryEngine &
  BackendsEngine &
  TestClientEngine &
  ExportEngine &
  BenchEngine &
  LoadEngine &
  AuditEngine &
  TotpEnrolmentEngine &
  PkiEngine &
  ServersEngine &
  LabEditEngine &
  SettingsEngine;

/**
 * The contract's procedures over one engine. A procedure missing here is a compile error. Domains
 * with their own procedure modules (e.g. `exportHandlers(engine)`) are spread into the result.
 */
export function createHandlers(engine: ProceduresEngine): Handlers {
  return {
    ...coreHandlers(engine),
    ...observabilityHandlers(engine),
    ...statsHistoryHandlers(engine),
    ...backendsHandlers(engine),
    ...testClientHandlers(engine),
    ...eapClientHandlers(engine),
    ...exportHandlers(engine),
    ...webConsoleHandlers(),
    ...benchHandlers(engine),
    ...loadHandlers(engine),
    ...auditHandlers(engine),
    ...totpEnrolmentHandlers(engine),
    ...pkiHandlers(engine),
    ...serversHandlers(engine),
    ...labEditHandlers(engine),
    ...settingsHandlers(engine),
  };
}

function coreHandlers(engine: CoreEngine): HandlersOf<typeof coreProcedures> {
  const parse = (source: string) => parseForEngine(engine, source);

  return {
    'lab.status': async () => engine.status(),
    'lab.start': async () => engine.start(),
    'lab.stop': async () => {
      await engine.stop();
      return engine.status();
    },
    'config.get': async () => ({
      path: engine.lab.path,
      source: engine.lab.source,
      file: await engine.labFile.check(),
    }),
    'config.validate': async ({ source }) => {
      try {
        const lab = parse(source);
        return { ok: true, errors: [], warnings: lab.warnings.map(strip) };
      } catch (e) {
        if (e instanceof ConfigError)
          return { ok: false, errors: e.errors.map(strip), warnings: e.warnings.map(strip) };
        throw e;
      }
    },
    'config.apply': async ({ source, save }) => {
      let next;
      try {
        next = parse(source);
      } catch (e) {
        if (e instanceof LabError) engine.noteReloadFailure(e);
        throw e;
      }
      await applyLab(engine, next, { save, action: 'config.applied' });
      return engine.status();
    },
    'servers.list': async () => engine.status().services,
    'policy.explain': async (input) => explain(engine.policy, input),
    'trace.list': async (input) => engine.trace.list(input),
    'trace.get': async ({ id }) => {
      const rec = engine.trace.get(id);
      if (!rec)
        throw new LabError('not_found', `trace record ${id} is no longer in the ring (or never existed)`);
      const { bytes, ...rest } = rec;
      const decrypted = decryptedView(rec, engine.lab, engine.trace);
      return { ...rest, hex: toHex(bytes), ...(decrypted && { decrypted }) };
    },
    'trace.inner': async ({ id }) => ({
      rounds: innerConversation(engine.trace, id).map((r) => ({
        outer: r.outer,
        records: r.records.map(({ bytes, ...rest }) => ({ ...rest, hex: toHex(bytes) })),
      })),
    }),
    'trace.clear': async () => {
      const cleared = engine.trace.clear();
      engine.events.emit('trace.cleared', {});
      return { cleared };
    },
  };
}

function strip(i: { path: string; message: string; line?: number }) {
  return { path: i.path, message: i.message, line: i.line };
}
