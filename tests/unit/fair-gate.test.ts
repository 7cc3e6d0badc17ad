// The queue in front of password hashing: bounded, fair between client addresses, and refusing at once when full.
import { describe, expect, it } from "vitest";
import { FairGate, GateFullError } from "@/lib/auth/fair-gate";
import { RateLimitedError } from "@/lib/errors";

/** A job that runs until released, recording when it started. */
function job(log: string[], name: string) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return {
    work: async () => {
      log.push(name);
      await done;
      return name;
    },
    finish,
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the fair gate", () => {
  it("runs at most `concurrency` jobs, and at most `perOwner` of one owner's", async () => {
    const gate = new FairGate({ concurrency: 2, perOwner: 1, perOwnerWaiting: 3, maxWaiting: 10 });
    const log: string[] = [];
    const [a1, a2, b1] = [job(log, "a1"), job(log, "a2"), job(log, "b1")];
    const runs = [gate.run("a", a1.work), gate.run("a", a2.work), gate.run("b", b1.work)];
    await tick();
    expect(log).toEqual(["a1", "b1"]);
    expect(gate.stats).toEqual({ running: 2, waiting: 1 });
    a1.finish();
    await tick();
    expect(log).toEqual(["a1", "b1", "a2"]);
    a2.finish();
    b1.finish();
    expect(await Promise.all(runs)).toEqual(["a1", "a2", "b1"]);
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });

  it("gives a newcomer the next free slot before a flooding owner's queue", async () => {
    const gate = new FairGate({ concurrency: 1, perOwner: 1, perOwnerWaiting: 3, maxWaiting: 10 });
    const log: string[] = [];
    const flood = [job(log, "a1"), job(log, "a2"), job(log, "a3"), job(log, "a4")];
    const runs = flood.map((j) => gate.run("attacker", j.work));
    const rightful = job(log, "owner");
    runs.push(gate.run("owner", rightful.work));
    await tick();
    flood[0]!.finish();
    await tick();
    expect(log).toEqual(["a1", "owner"]);
    rightful.finish();
    for (const j of flood.slice(1)) {
      await tick();
      j.finish();
    }
    await Promise.all(runs);
    expect(log).toEqual(["a1", "owner", "a2", "a3", "a4"]);
  });

  it("refuses at once, as a rate limit, when an owner's queue or the whole queue is full", async () => {
    const gate = new FairGate({ concurrency: 1, perOwner: 1, perOwnerWaiting: 1, maxWaiting: 2 });
    const log: string[] = [];
    const running = job(log, "a1");
    const runs = [gate.run("a", running.work), gate.run("a", job(log, "a2").work)];
    await expect(gate.run("a", job(log, "a3").work)).rejects.toBeInstanceOf(GateFullError);
    runs.push(gate.run("b", job(log, "b1").work));
    const refused = await gate.run("c", job(log, "c1").work).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).message).toMatch(/Try again in a few seconds/);
    expect(gate.stats).toEqual({ running: 1, waiting: 2 });
    running.finish();
    await tick();
    // The slot goes to the owner served longest ago (b, never); nothing refused ever runs.
    expect(log).toEqual(["a1", "b1"]);
  });

  it("frees the slot of a job that fails", async () => {
    const gate = new FairGate({ concurrency: 1, perOwner: 1, perOwnerWaiting: 1, maxWaiting: 1 });
    await expect(gate.run("a", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await gate.run("a", async () => "next")).toBe("next");
    expect(gate.stats).toEqual({ running: 0, waiting: 0 });
  });
});
