// Per-request timeouts without a timer and an AbortController for every request: requests whose deadlines fall in
// the same short window share one signal, aborted when the window ends. At thousands of calls a second this saves
// most timers, and Node 20 makes each AbortController costly (it is transferable).
import { setMaxListeners } from "node:events";

/** A request times out between `timeoutMs` and `timeoutMs + WINDOW_MS` after it starts. */
export const WINDOW_MS = 25;

const windows = new Map<number, AbortController>();

/** A signal that aborts, with a TimeoutError, no sooner than `timeoutMs` from now. */
export function deadlineSignal(timeoutMs: number): AbortSignal {
  const windowEnd = Math.ceil((Date.now() + timeoutMs) / WINDOW_MS) * WINDOW_MS;
  let controller = windows.get(windowEnd);
  if (!controller) {
    const created = new AbortController();
    // Every request in flight in the window listens to this one signal.
    setMaxListeners(0, created.signal);
    const timer = setTimeout(() => {
      windows.delete(windowEnd);
      created.abort(new DOMException("The SunCo call timed out", "TimeoutError"));
    }, windowEnd - Date.now());
    // Pending deadlines must not keep a process alive.
    timer.unref();
    windows.set(windowEnd, created);
    controller = created;
  }
  return controller.signal;
}
