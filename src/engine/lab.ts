import { BenchHistoryRepo } from './bench/history-repo';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LabError } from '../contract/envelope';
import type { LabStatus, Listener, ServiceState } from '../contract/schemas';
import { loadLabFile } from './config/load';
import { applyPortFallbacks } from './config/port-fallback';
import type { LoadedLab } from './config/loaded-lab';
import type { EngineContext, Logger, Service, ServiceFactory } from './context';
import { ServiceSet } from './servers/service-set';
import { LabFileWatch } from './config/lab-file-watch';
import { WEB_LOCKED } from './servers/procedures';
import { EventBus } from './events';
import type { Handlers } from '../contract/dispatch';
import { createHandlers } from './procedures';
import { createMetrics, type Metrics } from './metrics/registry';
import { Policy } from './policy/policy';
import { createBackends } from './backends/create';
import { BackendHealthMonitor } from './backends/health';
import { createServiceFactories } from './services';
import { StatsAggregator } from './metrics/stats';
import { servedProtocols } from './metrics/stats-protocols';
import type { StatsHistory } from './metrics/stats-history';
import { describeLab } from './status';
import { AccountingRepo } from './store/accounting-repo';
import { AuditRepo } from './store/audit-repo';
import { AccountingRetention } from './store/retention';
import { SessionsRepo } from './store/sessions-repo';
import { SavedRequestsRepo } from './store/saved-requests-repo';
import { openDatabase, type Db } from './store/database';
import { WorkerTraceIndex } from './trace/trace-index';
import { TraceStore } from './trace/trace-store';
import type { AuthBackend } from './backends/types';
import { consoleLogger } from './log';
import { trailing } from './trailing';
import type { WebListenerInfo } from './config/edit/settings-procedures';

/** New accounting records are pushed to the screens at most this often (one event per burst). */
const ACCOUNTING_PUSH_MS = 1000;

export interface EngineOptions {
  /** Lab file; the built-in default lab when absent. */
  configPath?: string;
  defaultConfigPath: string;
  dataDir: string;
  nativeBinding?: string;
  log?: Logger;
  env?: Record<string, string | undefined>;
  /** Extra services (tests); defaults to every registered protocol service. */
  factories?: ServiceFactory[];
}

/**
 * The composition root: one lab file, one store, one trace, the protocol services and the handlers
 * that implement the contract. Hosts (Electron main, `aaa-lab serve`) only adapt transports to it.
 */
export class Engine {
  readonly events = new EventBus();
  readonly metrics: Metrics;
  readonly trace: TraceStore;
  readonly accounting: AccountingRepo;
  readonly audit: AuditRepo;
  readonly sessions: SessionsRepo;
  readonly savedRequests: SavedRequestsRepo;
  readonly benchHistory: BenchHistoryRepo;
  readonly #retention: AccountingRetention;
  #handlers?: Handlers;
  readonly log: Logger;
  #lab: LoadedLab;
  #policy: Policy;
  #backends: AuthBackend[];
  readonly #services: ServiceSet;
  /** "running ≠ file": the lab in force against the lab file on disk. */
  readonly labFile = new LabFileWatch(() => this.#emitStatus());
  #web?: ServiceState;
  #factories?: ServiceFactory[];
  #state: LabStatus['state'] = 'stopped';
  #startedAt?: number;
  #lastReloadError?: LabStatus['lastReloadError'];
  readonly #stats: StatsAggregator;
  readonly backendHealth: BackendHealthMonitor;
  readonly ctx: EngineContext;

  private constructor(
    lab: LoadedLab,
    private readonly db: Db,
    readonly opts: EngineOptions,
  ) {
    this.log = opts.log ?? consoleLogger();
    this.#lab = lab;
    this.backendHealth = new BackendHealthMonitor(
      () => this.#backends,
      () => this.#lab.config.backendHealth.intervalS,
    );
    this.#backends = this.#createBackends(lab);
    this.#policy = new Policy(lab, this.#backends);
    this.metrics = createMetrics();
    this.accounting = new AccountingRepo(db);
    const recorded = trailing(() => this.events.emit('accounting.recorded', {}), ACCOUNTING_PUSH_MS);
    this.accounting.onCommitted = recorded;
    this.#closers.push(recorded.cancel);
    this.audit = new AuditRepo(db);
    this.sessions = new SessionsRepo(db);
    this.savedRequests = new SavedRequestsRepo(db);
    this.benchHistory = new BenchHistoryRepo(db);
    this.#retention = new AccountingRetention(
      () => this.#lab.config.accounting.retentionDays,
      this.accounting,
      this.sessions,
      this.log,
    );
    this.#stats = new StatsAggregator({
      emit: (tick) => this.events.emit('stats.ticked', tick),
      activeConnections: async () => (await this.metrics.tacacsConnections.get()).values[0]?.value ?? 0,
      served: () => servedProtocols(this.#services.states()),
    });
    this.#stats.start();
    this.trace = new TraceStore({
      ringSize: lab.config.trace.ringSize,
      runId: randomUUID(),
      index: new WorkerTraceIndex(join(opts.dataDir, 'trace-index.sqlite'), {
        maxRows: lab.config.trace.indexRows,
        nativeBinding: opts.nativeBinding,
        onError: (message) =>
          this.log.warn('trace index stopped; the ring still holds the trace', { message }),
      }),
      onBatch: (batch) => {
        for (const { protocol, direction, n } of batch.counts())
          this.metrics.traceRecords.inc({ protocol, direction }, n);
        // Rows cost an object each: only build them for a window or browser that is listening.
        if (this.events.has('trace.appended')) this.events.emit('trace.appended', { rows: batch.rows() });
      },
      onRecord: (input, latencyUs) => this.#stats.observe(input, latencyUs),
    });
    this.ctx = {
      lab: () => this.#lab,
      policy: () => this.#policy,
      trace: this.trace,
      accounting: this.accounting,
      metrics: this.metrics,
      log: this.log,
    };
    this.#services = new ServiceSet(this.ctx, this.log);
    this.labFile.track(lab.path, lab.source);
  }

  static async create(opts: EngineOptions): Promise<Engine> {
    const lab = await applyPortFallbacks(
      await loadLabFile(opts.configPath ?? opts.defaultConfigPath, opts.env),
    );
    const db = openDatabase(opts.dataDir, { nativeBinding: opts.nativeBinding });
    return new Engine(lab, db, opts);
  }

  /** The dashboard's last hour of per-second aggregates. */
  get statsHistory(): StatsHistory {
    return this.#stats.history;
  }

  /** The contract's procedures over this engine, built on first use (the engine is whole by then). */
  get handlers(): Handlers {
    return (this.#handlers ??= createHandlers(this));
  }

  get lab(): LoadedLab {
    return this.#lab;
  }

  get policy(): Policy {
    return this.#policy;
  }

  /** Starts every service; a port that cannot be bound fails the start with a clear message. */
  async start(): Promise<LabStatus> {
    if (this.#state === 'running') return this.status();
    this.#state = 'starting';
    this.#startedAt = Date.now();
    const factories = (this.#factories ??= this.opts.factories ?? createServiceFactories());
    try {
      await this.#services.startAll(factories, this.#lab);
      this.#state = 'running';
      this.backendHealth.start();
    } catch (e) {
      this.#state = 'error';
      this.#emitStatus();
      throw e;
    }
    this.#emitStatus();
    return this.status();
  }

  async stop(): Promise<void> {
    this.backendHealth.stop();
    await this.#services.stopAll();
    this.#state = 'stopped';
    this.#emitStatus();
  }

  readonly #closers: Array<() => void> = [];

  /** Runs `fn` when the engine closes (e.g. a load run that must not outlive it). */
  onClose(fn: () => void): void {
    this.#closers.push(fn);
  }

  /** Stops services, flushes the trace and closes the store. The engine cannot be used afterwards. */
  async close(): Promise<void> {
    for (const fn of this.#closers.splice(0)) fn();
    this.labFile.close();
    await this.stop();
    this.#stats.stop();
    this.#retention.stop();
    await this.trace.close();
    await Promise.all(this.#backends.map((b) => b.close().catch(() => {})));
    this.db.close();
  }

  /**
   * Swaps in a new lab. Services whose listeners did not change keep running (they read the lab per
   * request); the others restart. If any restart fails, the previous lab is put back in force.
   */
  async apply(loaded: LoadedLab): Promise<void> {
    const next = await applyPortFallbacks(loaded);
    const previous = this.#lab;
    const prevBackends = this.#backends;
    const backends = this.#createBackends(next);
    this.#lab = next;
    this.#backends = backends;
    this.#policy = new Policy(next, backends);
    if (this.#state === 'running') {
      try {
        await this.#services.restartChanged(next);
      } catch (e) {
        this.#lab = previous;
        this.#backends = prevBackends;
        this.#policy = new Policy(previous, prevBackends);
        await Promise.all(backends.map((b) => b.close().catch(() => {})));
        await this.#services.restartChanged(previous).catch(() => {});
        this.#emitStatus();
        throw e;
      }
    }
    await Promise.all(prevBackends.map((b) => b.close().catch(() => {})));
    this.#lastReloadError = undefined;
    this.labFile.track(next.path, next.source);
    this.#emitStatus();
  }

  noteReloadFailure(error: LabError): void {
    this.#lastReloadError = { message: error.message, issues: error.issues };
    this.#emitStatus();
  }

  /** The lab's backend chain, each watched by the health monitor (real logins count as checks). */
  #createBackends(lab: LoadedLab): AuthBackend[] {
    return createBackends(lab.config, this.opts.env ?? process.env, { baseDir: lab.baseDir }).map((b) =>
      this.backendHealth.observe(b),
    );
  }

  /** The running services (e.g. the TACACS+ server's `connections()` for sessions.list). */
  services(): Service[] {
    return this.#services.services();
  }

  /** servers.start: one service, with the lab in force; the new state reaches every window. */
  async startService(name: string): Promise<void> {
    try {
      await this.#services.start(name, this.#lab);
    } finally {
      this.#emitStatus();
    }
  }

  /** servers.stop: one service, held down across reloads until startService. */
  async stopService(name: string): Promise<void> {
    try {
      await this.#services.stop(name);
    } finally {
      this.#emitStatus();
    }
  }

  /** The web listener the host started over this engine (noteWebListener), for Settings. */
  get webListener(): WebListenerInfo | undefined {
    const l = this.#web?.listeners[0];
    return l && { scheme: l.transport === 'tls' ? 'https' : 'http', host: l.address, port: l.port };
  }

  /** The host's web listener (set by startEngineHttp), listed with the services but never stopped here. */
  noteWebListener(listener: Listener | undefined): void {
    this.#web = listener && { name: 'web', state: 'running', listeners: [listener], locked: WEB_LOCKED };
    this.#emitStatus();
  }

  status(): LabStatus {
    return {
      state: this.#state,
      startedAt: this.#startedAt,
      configPath: this.#lab.path,
      dataDir: this.opts.dataDir,
      services: [...this.#services.states(), ...(this.#web ? [this.#web] : [])],
      ...describeLab(this.#lab),
      lastReloadError: this.#lastReloadError,
      labFile: this.labFile.state(),
    };
  }

  /** aaa_lab_trace_records_total per batch (≤ 100 ms late) rather than one label lookup per packet. */
  #emitStatus(): void {
    this.events.emit('lab.status.changed', this.status());
  }
}

export const createEngine = (opts: EngineOptions) => Engine.create(opts);
