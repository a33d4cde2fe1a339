/**
 * Calls `fn` at most once per `ms`, at the end of the window: a burst of 50,000 accounting records a
 * second becomes one "accounting.recorded" push a second, and a lone record still arrives within
 * `ms`. The timer is unref'd so it never keeps a process alive; `cancel` drops a pending call.
 */
export function trailing(fn: () => void, ms: number): { (): void; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const call = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      fn();
    }, ms);
    timer.unref();
  };
  call.cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  return call;
}
