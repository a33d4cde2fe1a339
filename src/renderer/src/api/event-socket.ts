/**
 * The events half of the serve transport: one WebSocket to `/events?token=…` carrying
 * `{"event": name, "payload": …}` messages, reconnected with exponential backoff. It connects on the
 * first subscription and tells listeners when the link comes back so they can re-sync what they
 * missed (events are not replayed).
 */
export interface SocketLike {
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  close(): void;
}
export type SocketFactory = (url: string) => SocketLike;

export type LinkState = 'idle' | 'connecting' | 'open' | 'closed';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Backoff {
  initialMs: number;
  maxMs: number;
}

export function backoffDelay(attempt: number, b: Backoff): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.min(attempt, 20));
}

type Listener = (payload: unknown) => void;

export class EventSocket {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly stateListeners = new Set<(s: LinkState, reconnected: boolean) => void>();
  private socket: SocketLike | undefined;
  private timer: unknown;
  private attempt = 0;
  private everOpened = false;
  private disposed = false;
  state: LinkState = 'idle';

  constructor(
    private readonly url: string,
    private readonly factory: SocketFactory,
    private readonly timers: Timers = {
      setTimeout: (f, ms) => setTimeout(f, ms),
      clearTimeout: (h) => clearTimeout(h as number),
    },
    private readonly backoff: Backoff = { initialMs: 250, maxMs: 10_000 },
  ) {}

  on(event: string, listener: Listener): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener);
    if (this.state === 'idle') this.connect();
    return () => {
      set.delete(listener);
    };
  }

  /** Link state changes; `reconnected` is true when the link opens again after a drop. */
  onState(listener: (s: LinkState, reconnected: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.socket?.close();
    this.setState('closed', false);
  }

  private connect(): void {
    if (this.disposed) return;
    this.timer = undefined;
    this.setState('connecting', false);
    let ws: SocketLike;
    try {
      ws = this.factory(this.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = ws;
    ws.onopen = () => {
      const reconnected = this.everOpened;
      this.everOpened = true;
      this.attempt = 0;
      this.setState('open', reconnected);
    };
    ws.onmessage = (ev) => this.dispatch(ev.data);
    ws.onerror = () => {
      /* onclose follows and schedules the retry */
    };
    ws.onclose = () => {
      if (this.socket !== ws) return;
      this.socket = undefined;
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.disposed) return;
    this.setState('closed', false);
    const delay = backoffDelay(this.attempt++, this.backoff);
    this.timer = this.timers.setTimeout(() => this.connect(), delay);
  }

  private dispatch(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (typeof msg !== 'object' || msg === null || !('event' in msg) || typeof msg.event !== 'string') return;
    const payload = 'payload' in msg ? msg.payload : undefined;
    for (const l of this.listeners.get(msg.event) ?? []) l(payload);
  }

  private setState(s: LinkState, reconnected: boolean): void {
    if (s === this.state && !reconnected) return;
    this.state = s;
    for (const l of this.stateListeners) l(s, reconnected);
  }
}
