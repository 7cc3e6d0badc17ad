// Waking work, in this process and in every other on the same database, through PostgreSQL's LISTEN/NOTIFY (which
// PGlite delivers within its process). The one wake-up mechanism of the webhook worker, the job queue, the live hub
// and the webhook connection cache; its rules, stated once:
//
// - A wake is a hint, never the only way work gets done. One sent while a listener's connection is re-established
//   (the driver listens again after a drop), or before a process listened, is lost; so a WakeLoop also runs at a
//   fallback interval, a cache cleared by wakes also expires, and pg-boss also polls.
// - notify() in a transaction goes out when that transaction commits, or never: listeners never look too early.
// - wake(), outside any transaction and for work that any one listener can do, reaches a listener in this process
//   directly, without a round trip; a process without one notifies the others, once per few milliseconds per channel
//   however many wakes arrive meanwhile.
// - A listener belongs to one database (tests swap them): it hears that database, and a LISTEN that failed is tried
//   again only while that database is still the process's.
import { logger } from "@/lib/log";
import { processSingleton } from "@/lib/singletons";
import { sql, type SqlDriver, type SqlExecutor } from "./index";

/** Notifications of one channel and payload sent by wake() at most this often per process. */
const WAKE_DEBOUNCE_MS = 10;
const RELISTEN_MS = 5000;
const FIRST_BACKOFF_MS = 250;

type Listener = (payload: string) => void;

const state = () =>
  processSingleton("notifications", () => ({
    /** This process's listeners, by database and channel. */
    listeners: new WeakMap<SqlDriver, Map<string, Set<Listener>>>(),
    /** Channel and payload of the notifications wake() has scheduled. */
    pending: new Set<string>(),
  }));

function localListeners(driver: SqlDriver, channel: string): Set<Listener> {
  const { listeners } = state();
  let channels = listeners.get(driver);
  if (!channels) listeners.set(driver, (channels = new Map()));
  let set = channels.get(channel);
  if (!set) channels.set(channel, (set = new Set()));
  return set;
}

function isCurrent(driver: SqlDriver): boolean {
  try {
    return sql() === driver;
  } catch {
    return false;
  }
}

export interface WakeSubscription {
  stop(): Promise<void>;
}

/**
 * Calls `listener` with the payload of every wake of `channel` on `driver`'s database (the process's by default), from
 * any process. Resolves once the first LISTEN is in place, or failed: then it is logged and tried again meanwhile.
 */
export async function onWake(channel: string, listener: Listener, driver: SqlDriver = sql()): Promise<WakeSubscription> {
  const local = localListeners(driver, channel);
  local.add(listener);
  let stopped = false;
  let unlisten: (() => Promise<void>) | undefined;
  let retry: NodeJS.Timeout | undefined;
  const listen = async () => {
    try {
      const stop = await driver.listen(channel, listener);
      if (stopped) await stop().catch(() => {});
      else unlisten = stop;
    } catch (error) {
      if (stopped || !isCurrent(driver)) return;
      logger().warn({ err: error, channel }, "cannot listen for wake-ups; trying again, and polling meanwhile");
      retry = setTimeout(() => void listen(), RELISTEN_MS);
      retry.unref();
    }
  };
  await listen();
  return {
    async stop() {
      stopped = true;
      clearTimeout(retry);
      local.delete(listener);
      try {
        await unlisten?.();
      } catch {
        // Its database is closed already: nothing is listening any more.
      }
    },
  };
}

/** Wakes `channel`'s listeners everywhere through `executor`: in a transaction, when it commits. */
export async function notify(executor: SqlExecutor, channel: string, payload = ""): Promise<void> {
  await executor.query("SELECT pg_notify($1, $2)", [channel, payload]);
}

/**
 * Wakes `channel`'s listeners, for work any one of them can do: this process's own at once, or, when it has none, the
 * other processes' a moment later (`withinMs`, WAKE_DEBOUNCE_MS by default: one notification per channel and payload
 * in that time). Call it after the work was committed.
 */
export function wake(channel: string, payload = "", options: { withinMs?: number } = {}): void {
  const driver = sql();
  const local = localListeners(driver, channel);
  if (local.size > 0) {
    for (const listener of local) listener(payload);
    return;
  }
  const { pending } = state();
  const key = `${channel}\n${payload}`;
  if (pending.has(key)) return;
  pending.add(key);
  // The database the work went to, taken now: by the time the timer fires it may be closed (shutdown, a test file's
  // teardown), and the notification is then lost harmlessly, as any may be. sql() would open another.
  setTimeout(() => {
    pending.delete(key);
    notify(driver, channel, payload).catch((error) =>
      logger().warn({ err: error, channel }, "could not send a wake-up; listeners will poll"),
    );
  }, options.withinMs ?? WAKE_DEBOUNCE_MS);
}

export interface WakeLoopOptions {
  /** The database whose wakes it hears: the process's current one by default. */
  driver?: SqlDriver;
  /** Runs at the latest this long after a run that left nothing waiting: wakes can be lost. */
  fallbackMs: number;
  /** Starts runs at least this far apart, so that under load work gathers into fewer, larger runs. */
  minIntervalMs?: number;
  /** After a failed run, waits 500 ms, doubling with each failure in a row up to this (fallbackMs by default), unless woken. */
  maxBackoffMs?: number;
  onError(error: unknown): void;
}

/**
 * Runs `run` at once, whenever `channel` is woken, and at the fallback interval, never twice at the same time: wakes
 * during a run make one more run after it. `run` resolves to true when more work is waiting, to run again at once.
 */
export class WakeLoop {
  private stopped = false;
  private woken = false;
  private interrupt: (() => void) | null = null;
  private started = 0;
  private readonly waiting: { after: number; resolve: () => void }[] = [];
  private readonly subscription: Promise<WakeSubscription>;
  private readonly done: Promise<void>;

  constructor(
    channel: string,
    private readonly run: () => Promise<boolean>,
    private readonly options: WakeLoopOptions,
  ) {
    this.subscription = onWake(channel, () => this.wake(), options.driver ?? sql());
    this.done = this.loop();
  }

  /** Resolves once the loop listens for wakes (or its first attempt failed, and it polls meanwhile). */
  async listening(): Promise<void> {
    await this.subscription;
  }

  wake() {
    this.woken = true;
    this.interrupt?.();
  }

  /** Resolves when a run that starts after this call has ended, however it ended (or when the loop stops). */
  runSoon(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const after = this.started;
    const ended = new Promise<void>((resolve) => this.waiting.push({ after, resolve }));
    this.wake();
    return ended;
  }

  async stop() {
    this.stopped = true;
    this.wake();
    await this.done;
    await (await this.subscription).stop();
  }

  private async loop() {
    const { fallbackMs, minIntervalMs = 0, maxBackoffMs = fallbackMs } = this.options;
    let failures = 0;
    let lastRunAt = -Infinity;
    while (!this.stopped) {
      const wait = lastRunAt + minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
      lastRunAt = Date.now();
      this.woken = false;
      let more = false;
      this.started += 1;
      try {
        more = await this.run();
        failures = 0;
      } catch (error) {
        failures += 1;
        this.options.onError(error);
      }
      this.ended(this.started);
      if (failures > 0) await this.sleep(Math.min(maxBackoffMs, FIRST_BACKOFF_MS * 2 ** failures));
      else if (!more) await this.sleep(fallbackMs);
    }
    this.ended(Infinity);
  }

  private ended(run: number) {
    for (const waiter of this.waiting.splice(0)) {
      if (waiter.after < run) waiter.resolve();
      else this.waiting.push(waiter);
    }
  }

  /**
   * Until `ms` have passed or the loop is woken (at once if it was woken during the run). The timer alone does not keep
   * the process alive: what owns the loop (a server, pg-boss's supervision in a worker process) does.
   */
  private sleep(ms: number) {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(finish, ms).unref();
      const interrupt = () => {
        this.interrupt = null;
        finish();
      };
      function finish() {
        clearTimeout(timer);
        resolve();
      }
      this.interrupt = interrupt;
      if (this.woken || this.stopped) interrupt();
    });
  }
}
