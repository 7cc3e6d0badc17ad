// The wake-up rules every background loop shares (lib/db/notifications.ts): a loop runs at once, never twice at the
// same time, once more for any number of wakes during a run, at its fallback interval when nothing wakes it, backs off
// while failing; and a LISTEN that failed is tried again while its database is the process's.
import { afterEach, describe, expect, it, vi } from "vitest";
import { closeDatabase, installDatabase, type SqlDriver } from "@/lib/db";
import { onWake, WakeLoop } from "@/lib/db/notifications";

/** A database whose LISTEN fails `failures` times, then works; `send` plays a notification from another process. */
function fakeDriver(failures = 0) {
  const listeners: ((payload: string) => void)[] = [];
  let attempts = 0;
  const driver = {
    kind: "pglite",
    close: async () => {},
    async listen(_channel: string, listener: (payload: string) => void) {
      attempts += 1;
      if (attempts <= failures) throw new Error("connection refused");
      listeners.push(listener);
      return async () => void listeners.splice(listeners.indexOf(listener), 1);
    },
  } as unknown as SqlDriver;
  return { driver, send: (payload = "") => listeners.forEach((listener) => listener(payload)), attempts: () => attempts };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await pause(10);
  }
}

const loops: WakeLoop[] = [];
afterEach(async () => {
  await Promise.all(loops.splice(0).map((loop) => loop.stop()));
  vi.useRealTimers();
});

function startLoop(run: () => Promise<boolean>, options: { fallbackMs?: number; maxBackoffMs?: number } = {}) {
  const { driver, send } = fakeDriver();
  const loop = new WakeLoop("test_channel", run, { driver, fallbackMs: options.fallbackMs ?? 60_000, maxBackoffMs: options.maxBackoffMs, onError: () => {} });
  loops.push(loop);
  return { loop, send };
}

describe("a wake loop", () => {
  it("runs at once, then once more for all the wakes that came during a run, never two runs at a time", async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    let release = () => {};
    const { loop, send } = startLoop(async () => {
      overlapped ||= running > 0;
      running += 1;
      runs += 1;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      running -= 1;
      return false;
    });
    await loop.listening();
    expect(runs).toBe(1);
    for (let i = 0; i < 5; i++) send();
    loop.wake();
    release();
    await pause(50);
    expect(runs).toBe(2);
    expect(overlapped).toBe(false);
  });

  it("runs again at once while more is waiting, and at its fallback interval when nothing wakes it", async () => {
    const results = [true, true, false, false];
    const runs: number[] = [];
    startLoop(
      async () => {
        runs.push(Date.now());
        return results[runs.length - 1] ?? false;
      },
      { fallbackMs: 100 },
    );
    await until(() => runs.length >= 4);
    const [first, , third, fourth] = runs as [number, number, number, number];
    expect(third - first).toBeLessThan(100);
    expect(fourth - third).toBeGreaterThanOrEqual(99);
  });

  it("backs off while a run keeps failing, and a wake cuts the wait short", async () => {
    const runs: number[] = [];
    const { loop } = startLoop(
      async () => {
        runs.push(Date.now());
        throw new Error("database unavailable");
      },
      { fallbackMs: 10, maxBackoffMs: 60_000 },
    );
    await until(() => runs.length >= 3);
    // 500 ms, then 1 s, where the 10 ms fallback would have run it a hundred times.
    expect(runs[1]! - runs[0]!).toBeGreaterThanOrEqual(499);
    expect(runs[2]! - runs[1]!).toBeGreaterThanOrEqual(999);
    // Next in 2 s, unless woken.
    const wokenAt = Date.now();
    await loop.runSoon();
    expect(runs).toHaveLength(4);
    expect(Date.now() - wokenAt).toBeLessThan(1000);
  });
});

describe("a wake-up listener", () => {
  afterEach(() => closeDatabase());

  it("listens again after its LISTEN failed, while its database is the process's", async () => {
    vi.useFakeTimers();
    const { driver, send, attempts } = fakeDriver(2);
    installDatabase({ prisma: { $disconnect: async () => {} } as never, sql: driver });
    const heard: string[] = [];
    const subscription = await onWake("test_channel", (payload) => heard.push(payload), driver);
    expect(attempts()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(attempts()).toBe(3);
    send("after");
    expect(heard).toEqual(["after"]);
    await subscription.stop();
  });

  it("stops trying once its database is no longer the process's", async () => {
    vi.useFakeTimers();
    const { driver, attempts } = fakeDriver(Infinity);
    installDatabase({ prisma: { $disconnect: async () => {} } as never, sql: driver });
    await onWake("test_channel", () => {}, driver);
    await closeDatabase();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempts()).toBe(2);
  });
});
