export interface QuitEvent {
  preventDefault(): void;
}

/** The slice of Electron's `app` the shutdown sequence needs (kept narrow so tests can drive it). */
export interface QuittableApp {
  on(event: 'before-quit', listener: (event: QuitEvent) => void): unknown;
  quit(): void;
  exit(code?: number): void;
}

/**
 * Holds the quit until `close` (stop every service, flush the trace, close SQLite) has finished, so
 * no socket or WAL write is cut off; a close that hangs is abandoned after `timeoutMs`.
 */
export function holdQuitUntilClosed(
  app: QuittableApp,
  close: () => Promise<void>,
  log: { error(msg: string, fields?: Record<string, unknown>): void },
  timeoutMs = 10_000,
): void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    const timer = setTimeout(() => {
      log.error(`shutdown did not finish within ${timeoutMs} ms; exiting`);
      state = 'closed';
      app.exit(1);
    }, timeoutMs);
    close()
      .catch((err: unknown) =>
        log.error('shutdown failed', { error: (err as Error)?.message ?? String(err) }),
      )
      .finally(() => {
        clearTimeout(timer);
        if (state === 'closed') return;
        state = 'closed';
        app.quit();
      });
  });
}
