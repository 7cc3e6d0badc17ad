// The two webhook intake paths — Next's route handler, and the intake scripts/serve.ts answers itself in production —
// answer the same: for the same fuzzed deliveries (tests/support/webhook-fuzz.ts), the same status and body, and the
// same events stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { startAppServer, type AppServer } from "../support/app-server";
import { withTestDatabase } from "../support/database";
import { sampleWebhookFuzzCases, sendWebhookFuzzCase, type FuzzAnswer } from "../support/webhook-fuzz";
import { createWebhookConnection, type TestConnection } from "../support/webhooks";

withTestDatabase();

const SEED = 1712;
const COUNT = 200;

let route: AppServer;
let server: AppServer;
// One connection per path, so that each stores its own copy; the same seed gives both the same cases.
let routeTarget: TestConnection;
let serverTarget: TestConnection;

beforeAll(async () => {
  [routeTarget, serverTarget] = [await createWebhookConnection(), await createWebhookConnection()];
  [route, server] = await Promise.all([startAppServer({ intake: "route" }), startAppServer({ intake: "server" })]);
});
afterAll(async () => {
  await Promise.all([route?.stop(), server?.stop()]);
});

/** The answer with what may differ between two connections taken out: the connection's own id and app id. */
function comparable(answer: FuzzAnswer, target: TestConnection) {
  let body: unknown = answer.body;
  try {
    body = JSON.parse(answer.body);
  } catch {
    // Not JSON: compared as text.
  }
  return JSON.parse(JSON.stringify({ status: answer.status, body }).replaceAll(target.id, "<connection>").replaceAll(target.appId, "<app>"));
}

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** The events stored for `connectionId`; createdAt times were made for each sample a moment apart. */
async function storedEvents(connectionId: string) {
  const rows = await db().webhookEvent.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
  return rows.map((row) => {
    const { createdAt, ...event } = row.event as Record<string, unknown>;
    const time = typeof createdAt === "string" && ISO_TIME.test(createdAt) ? "<time>" : createdAt;
    return { id: row.suncoEventId, type: row.type, state: row.state, event: { ...event, createdAt: time } };
  });
}

describe("the route handler and the server's intake", () => {
  it("answer every fuzzed delivery alike and store the same events", async () => {
    const routeCases = sampleWebhookFuzzCases(routeTarget, { seed: SEED, count: COUNT });
    const serverCases = sampleWebhookFuzzCases(serverTarget, { seed: SEED, count: COUNT });
    const statuses = new Set<number>();
    for (let index = 0; index < COUNT; index += 1) {
      const viaRoute = await sendWebhookFuzzCase(route.url, routeCases[index]!);
      const viaServer = await sendWebhookFuzzCase(server.url, serverCases[index]!);
      statuses.add(viaRoute.status);
      expect(comparable(viaServer, serverTarget), routeCases[index]!.label).toEqual(comparable(viaRoute, routeTarget));
    }
    expect(await storedEvents(serverTarget.id)).toEqual(await storedEvents(routeTarget.id));
    // The sample reached past the first checks: deliveries taken, and each kind of refusal.
    for (const status of [200, 400, 401, 404, 413, 415]) expect(statuses, `no ${status} among ${[...statuses]}`).toContain(status);
  });

  it("both answer SunCo's HEAD check with 200", async () => {
    for (const { url, target } of [
      { url: route.url, target: routeTarget },
      { url: server.url, target: serverTarget },
    ]) {
      expect((await fetch(`${url}/api/webhooks/sunco/${target.id}`, { method: "HEAD" })).status).toBe(200);
    }
  });
});
