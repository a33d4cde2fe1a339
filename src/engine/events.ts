import { eventNames, type EventName, type EventPayload } from '../contract/events';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Typed engine → host events. A throwing listener is isolated from the others and from the engine. */
export class EventBus {
  readonly #listeners = new Map<EventName, Set<Listener<EventName>>>();

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for transports that forward all of them (IPC, WebSocket). */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void {
    const offs = eventNames.map((e) => this.on(e, (p) => listener(e, p)));
    return () => offs.forEach((off) => off());
  }

  /** Whether anyone listens to `event` (so a costly payload need not be built). */
  has(event: EventName): boolean {
    return (this.#listeners.get(event)?.size ?? 0) > 0;
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const l of this.#listeners.get(event) ?? []) {
      try {
        l(payload);
      } catch {
        // a broken subscriber must not break the engine or the other subscribers
      }
    }
  }
}
