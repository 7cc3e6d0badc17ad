// Sandbox time: a wall clock tests can move forward, and timers whose delays follow the time scale.

export interface SandboxClock {
  /** Milliseconds since the epoch, plus however far tests advanced the clock. */
  now(): number;
  /** `now()` formatted as SunCo formats timestamps: YYYY-MM-DDThh:mm:ss.SSSZ. */
  timestamp(): string;
  /** Moves `now()` forward; timers already scheduled keep their real delays. */
  advance(ms: number): void;
  /** Back to the real time. */
  resetOffset(): void;
  /** Multiplies every sandbox delay: 0.001 turns SunCo's 15-minute retry window into a second. */
  readonly timeScale: number;
  scaled(ms: number): number;
  /** Runs `task` after the scaled delay (but at least `minRealMs` real milliseconds); stopped sandboxes run nothing. */
  after(ms: number, task: () => void, options?: { minRealMs?: number }): void;
  /** Resolves after the scaled delay, or rejects when `signal` aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Cancels every pending timer. */
  stop(): void;
}

export function createClock(timeScale: number): SandboxClock {
  let offset = 0;
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();

  const schedule = (ms: number, task: () => void, minRealMs = 0) => {
    if (stopped) return undefined;
    const timer = setTimeout(() => {
      timers.delete(timer);
      task();
    }, Math.max(minRealMs, Math.round(ms * timeScale)));
    timers.add(timer);
    return timer;
  };

  return {
    timeScale,
    now: () => Date.now() + offset,
    timestamp: () => new Date(Date.now() + offset).toISOString(),
    advance(ms) {
      offset += ms;
    },
    resetOffset() {
      offset = 0;
    },
    scaled: (ms) => ms * timeScale,
    after(ms, task, options) {
      schedule(ms, task, options?.minRealMs);
    },
    sleep(ms, signal) {
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const timer = schedule(ms, () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        });
        const onAbort = () => {
          if (timer) {
            clearTimeout(timer);
            timers.delete(timer);
          }
          reject(signal!.reason);
        };
        signal?.addEventListener("abort", onAbort, { once: true });
        if (!timer) resolve();
      });
    },
    stop() {
      stopped = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}
