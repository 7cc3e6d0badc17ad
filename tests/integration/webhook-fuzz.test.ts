// Fuzzing the webhook intake over HTTP: whatever the body, headers, size or transfer, every answer is one SunCo acts
// on sensibly (never a 5xx while the database is up), every rightful delivery is answered 200, and every valid event
// of a delivery answered 200 is stored exactly once, as sent. The cases come from tests/support/webhook-fuzz.ts so
// that every intake path can be held to the same set.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppServer, type AppServer } from "../support/app-server";
import { withTestDatabase } from "../support/database";
import { sendWebhookFuzzCase, WEBHOOK_FUZZ_STATUSES, webhookFuzzCase, type WebhookFuzzCase } from "../support/webhook-fuzz";
import { createWebhookConnection, type TestConnection } from "../support/webhooks";

withTestDatabase();

/** About 10 to 20 seconds on PGlite on a busy 2-core machine. */
const RUNS = 300;

let server: AppServer;
let target: TestConnection;

beforeAll(async () => {
  target = await createWebhookConnection();
  server = await startAppServer();
});
afterAll(async () => {
  await server?.stop();
});

/** How many of `ids` are stored; one with NUL cannot be text in PostgreSQL, so it cannot be stored either. */
async function storedCount(ids: string[]) {
  const storable = ids.filter((id) => !id.includes("\u0000"));
  return storable.length === 0 ? 0 : db().webhookEvent.count({ where: { connectionId: target.id, suncoEventId: { in: storable } } });
}

describe("the webhook intake under fuzzed deliveries", () => {
  it("answers 200, 400, 401, 403, 404, 413 or 415, takes every rightful delivery, and stores what it took exactly once", async () => {
    const accepted = new Set<string>();
    const refused = new Set<string>();
    const expired = new Set<string>();
    const statuses = new Map<number, number>();

    const check = async (fuzzCase: WebhookFuzzCase) => {
      const answer = await sendWebhookFuzzCase(server.url, fuzzCase);
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      expect(WEBHOOK_FUZZ_STATUSES, `answered ${answer.status}: ${answer.body}`).toContain(answer.status);
      if (fuzzCase.rightful) expect(answer.status, `a rightful delivery was refused: ${answer.body}`).toBe(200);
      if (fuzzCase.mustBeRefused) expect(answer.status, "a delivery that must be refused was taken").not.toBe(200);
      fuzzCase.expired.forEach((id) => expired.add(id));
      if (answer.status !== 200) {
        fuzzCase.eventIds.forEach((id) => refused.add(id));
        return;
      }
      const result = JSON.parse(answer.body) as { stored: number; duplicates: number; expired: number };
      expect(result.expired, "events past the retention window").toBe(fuzzCase.expired.length);
      const ids = fuzzCase.storable.map((sent) => sent.id);
      const rows = await db().webhookEvent.findMany({ where: { connectionId: target.id, suncoEventId: { in: ids } } });
      for (const sent of fuzzCase.storable) {
        const copies = rows.filter((row) => row.suncoEventId === sent.id);
        expect(copies, `event ${JSON.stringify(sent.id)} stored ${copies.length} times`).toHaveLength(1);
        // Stored by this delivery (not an earlier one with the same id): kept exactly as sent.
        if (!accepted.has(sent.id)) expect(copies[0]!.event).toEqual(sent.event);
        accepted.add(sent.id);
      }
    };

    await fc.assert(fc.asyncProperty(webhookFuzzCase(target), check), { numRuns: RUNS });

    // Nothing of a refused delivery, and no event past the retention window, was stored by any delivery.
    expect(await storedCount([...refused].filter((id) => !accepted.has(id)))).toBe(0);
    expect(await storedCount([...expired].filter((id) => !accepted.has(id)))).toBe(0);
    // The fuzz reached past the first checks: rightful deliveries and each refusal were exercised.
    expect(statuses.get(200) ?? 0).toBeGreaterThan(RUNS / 5);
    for (const status of [400, 401, 404, 413, 415]) expect(statuses.get(status) ?? 0, `no ${status} in ${JSON.stringify([...statuses])}`).toBeGreaterThan(0);
  });
});
