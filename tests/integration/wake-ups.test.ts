// Waking work through the database (lib/db/notifications.ts): a wake reaches this process's own listener without a
// round trip, a process without one notifies the others once however many wakes it makes, and a notification sent in
// a transaction is heard when it commits, never when it rolls back.
import { describe, expect, it } from "vitest";
import { sql } from "@/lib/db";
import { notify, onWake, wake } from "@/lib/db/notifications";
import { withTestDatabase } from "../support/database";

withTestDatabase();

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));

async function until(condition: () => boolean, timeoutMs = 10_000) {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Every notification on `channel`, listened to directly (not a wake-up listener of this process). */
async function notificationsOn(channel: string) {
  const heard: string[] = [];
  const stop = await sql().listen(channel, (payload) => heard.push(payload));
  return { heard, stop };
}

describe("wake-ups", () => {
  it("reach this process's listener at once, without a notification", async () => {
    const notifications = await notificationsOn("test_local");
    const heard: string[] = [];
    const subscription = await onWake("test_local", (payload) => heard.push(payload));
    try {
      wake("test_local", "work");
      expect(heard).toEqual(["work"]);
      await settle();
      expect(heard).toEqual(["work"]);
      expect(notifications.heard).toEqual([]);
    } finally {
      await subscription.stop();
      await notifications.stop();
    }
  });

  it("from a process without a listener, notify the others once for many wakes", async () => {
    const notifications = await notificationsOn("test_remote");
    try {
      for (let i = 0; i < 50; i++) wake("test_remote");
      await until(() => notifications.heard.length > 0);
      await settle();
      expect(notifications.heard).toEqual([""]);
    } finally {
      await notifications.stop();
    }
  });

  it("from a process without a listener, notify once per withinMs however many wakes it makes meanwhile", async () => {
    const notifications = await notificationsOn("test_within");
    try {
      const started = Date.now();
      let wakes = 0;
      // Wakes every 10 ms or so for 300 ms: the default would notify about 30 times, a 200 ms window once or twice.
      while (Date.now() - started < 300) {
        wake("test_within", "", { withinMs: 200 });
        wakes += 1;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await until(() => notifications.heard.length > 0);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(wakes).toBeGreaterThan(5);
      expect(notifications.heard.length).toBeLessThanOrEqual(2);
    } finally {
      await notifications.stop();
    }
  });

  it("sent in a transaction, are heard when it commits and never when it rolls back", async () => {
    const heard: string[] = [];
    const subscription = await onWake("test_transaction", (payload) => heard.push(payload));
    try {
      await sql()
        .transaction(async (tx) => {
          await notify(tx, "test_transaction", "rolled back");
          throw new Error("roll back");
        })
        .catch(() => {});
      await sql().transaction(async (tx) => {
        await notify(tx, "test_transaction", "committed");
        await new Promise((resolve) => setTimeout(resolve, 100));
        expect(heard).toEqual([]);
      });
      await until(() => heard.length > 0);
      await settle();
      expect(heard).toEqual(["committed"]);
    } finally {
      await subscription.stop();
    }
  });
});
