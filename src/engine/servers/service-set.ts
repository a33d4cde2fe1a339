import { LabError } from '../../contract/envelope';
import type { ServiceState } from '../../contract/schemas';
import type { LoadedLab } from '../config/loaded-lab';
import { ListenError, type EngineContext, type Logger, type Service, type ServiceFactory } from '../context';

interface Running {
  factory: ServiceFactory;
  service?: Service;
  state: ServiceState;
  section: string;
}

/**
 * The lab's protocol services, one per factory: started and stopped together (lab.start/stop),
 * restarted when their part of the lab file changes (config.apply), or one at a time (servers.*).
 * A service stopped on its own is "held": it stays down across reloads until started again.
 */
export class ServiceSet {
  #running: Running[] = [];
  readonly #held = new Set<string>();

  constructor(
    private readonly ctx: EngineContext,
    private readonly log: Logger,
  ) {}

  /** Starts every service (clearing holds); any port that cannot be bound stops them all again. */
  async startAll(factories: readonly ServiceFactory[], lab: LoadedLab): Promise<void> {
    this.#held.clear();
    try {
      for (const f of factories) this.#running.push(await this.#startOne(f, lab));
    } catch (e) {
      await this.stopAll();
      throw e;
    }
  }

  async stopAll(): Promise<void> {
    const running = this.#running;
    this.#running = [];
    for (const r of running.reverse())
      await r.service
        ?.stop()
        .catch((e) => this.log.error(`stopping ${r.factory.name}: ${(e as Error).message}`));
  }

  /** Restarts the services whose section changed; held ones stay down and start with `lab` later. */
  async restartChanged(lab: LoadedLab): Promise<void> {
    // A held service has no sockets: `start` builds it from the lab in force then.
    for (let i = 0; i < this.#running.length; i++) {
      const r = this.#running[i]!;
      if (this.#held.has(r.factory.name)) {
        continue;
      }
      if (JSON.stringify(r.factory.section(lab)) === r.section) continue;
      await r.service?.stop();
      this.#running[i] = await this.#startOne(r.factory, lab);
    }
  }

  /** Starts one service; a bind failure leaves it in state "error" with the reason, and throws. */
  async start(name: string, lab: LoadedLab): Promise<void> {
    const i = this.#index(name);
    const r = this.#running[i]!;
    this.#held.delete(name);
    if (r.service) return;
    try {
      this.#running[i] = await this.#startOne(r.factory, lab);
    } catch (e) {
      this.#running[i] = {
        ...r,
        state: { name, state: 'error', listeners: [], error: (e as Error).message },
      };
      throw e;
    }
    if (!this.#running[i]!.service)
      throw new LabError('conflict', `${name} is not configured in the lab file: nothing to start`);
  }

  /** Stops one service and holds it down until `start` (or the next startAll). */
  async stop(name: string): Promise<void> {
    const i = this.#index(name);
    const r = this.#running[i]!;
    if (r.state.configured === false)
      throw new LabError('conflict', `${name} is not configured in the lab file: nothing to stop`);
    this.#held.add(name);
    this.#running[i] = {
      ...r,
      service: undefined,
      state: { name, state: 'stopped', listeners: [], held: true },
    };
    await r.service?.stop();
  }

  states(): ServiceState[] {
    return this.#running.map((r) => r.state);
  }

  services(): Service[] {
    return this.#running.flatMap((r) => (r.service ? [r.service] : []));
  }

  #index(name: string): number {
    if (this.#running.length === 0) throw new LabError('conflict', 'the lab is stopped: start the lab first');
    const i = this.#running.findIndex((r) => r.factory.name === name);
    if (i < 0) throw new LabError('not_found', `no service "${name}" in this lab`);
    return i;
  }

  async #startOne(factory: ServiceFactory, lab: LoadedLab): Promise<Running> {
    const section = JSON.stringify(factory.section(lab));
    const service = factory.create(this.ctx, lab);
    if (!service)
      return {
        factory,
        section,
        state: { name: factory.name, state: 'stopped', listeners: [], configured: false },
      };
    try {
      const listeners = await service.start();
      return { factory, service, section, state: { name: factory.name, state: 'running', listeners } };
    } catch (e) {
      await service.stop().catch(() => {});
      if (e instanceof ListenError) throw new LabError('unavailable', e.message);
      throw e;
    }
  }
}
