// The hosted webhook endpoint: who may deliver, what it accepts, and that every accepted event is stored exactly once —
// through each intake path: the route handler, and the intake scripts/serve.ts answers itself in production.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { HEAD, POST } from "@/app/api/webhooks/sunco/[connectionId]/route";
import { sealConnectionSecret } from "@/lib/connections/secrets";
import { db, installDatabase } from "@/lib/db";
import { metrics } from "@/lib/observability/metrics";
import { isKnownWebhookEventType } from "@/lib/sunco/schemas";
import { forgetWebhookConnections, MAX_WEBHOOK_BODY_BYTES } from "@/lib/webhooks";
import { sendOverHttp, startAppServer, type AppServer, type IntakePath } from "../support/app-server";
import { withTestDatabase } from "../support/database";
import { withOutage } from "../support/outage";
import {
  createWebhookConnection,
  envelope,
  suncoId,
  userMessageEvent,
  webhookRequest,
  type TestConnection,
} from "../support/webhooks";

const database = withTestDatabase();
let connection: TestConnection;

afterEach(() => {
  installDatabase(database());
  forgetWebhookConnections();
});

async function storedEvents(connectionId: string) {
  return db().webhookEvent.findMany({ where: { connectionId }, orderBy: { id: "asc" } });
}

const message = () => userMessageEvent({ conversationId: suncoId(), userId: suncoId() });

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

const INTAKES: { name: string; path: IntakePath }[] = [
  { name: "the route handler", path: "route" },
  { name: "the server's own intake", path: "server" },
];

describe.each(INTAKES)("through $name", ({ path }) => {
  let server: AppServer | undefined;
  beforeAll(async () => {
    // A connection per path: some tests count what their connection stored.
    connection = await createWebhookConnection();
    if (path === "server") server = await startAppServer({ intake: "server" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const post = (connectionId: string, request: Request) =>
    path === "route" ? POST(request, { params: Promise.resolve({ connectionId }) }) : sendOverHttp(server!.url, request);

  const deliver = (connection: TestConnection, events: unknown[], options: { apiKey?: string | null } = {}) => {
    const apiKey = options.apiKey === undefined ? connection.webhookSecret : options.apiKey;
    return post(connection.id, webhookRequest(connection.id, envelope(connection, events), { apiKey }));
  };

  const head = async (connectionId: string) =>
    path === "route" ? HEAD() : sendOverHttp(server!.url, new Request(`http://localhost/api/webhooks/sunco/${connectionId}`, { method: "HEAD" }));

  describe("POST /api/webhooks/sunco/[connectionId]", () => {
    it("stores every event of a delivery and answers 200", async () => {
      const events = [message(), message()];
      const response = await deliver(connection, events);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ stored: 2, duplicates: 0, expired: 0 });
      const stored = await storedEvents(connection.id);
      expect(stored.slice(-2).map((e) => [e.suncoEventId, e.type, e.state])).toEqual(
        events.map((e) => [e.id, "conversation:message", "pending"]),
      );
      expect(stored.at(-1)!.event).toEqual(events[1]);
      expect(stored.at(-1)!.occurredAt).toEqual(new Date(events[1]!.createdAt));
    });

    it("stores a redelivered event once: the retry is a no-op that still answers 200", async () => {
      const event = message();
      expect(await (await deliver(connection, [event])).json()).toEqual({ stored: 1, duplicates: 0, expired: 0 });
      const again = await deliver(connection, [event, event]);
      expect(again.status).toBe(200);
      expect(await again.json()).toEqual({ stored: 0, duplicates: 2, expired: 0 });
      const copies = await db().webhookEvent.count({ where: { connectionId: connection.id, suncoEventId: event.id } });
      expect(copies).toBe(1);
    });

    it("stores an event of a type it does not know, marked ignored, and answers 200", async () => {
      const event = { id: suncoId(), type: "conversation:reaction", createdAt: new Date().toISOString(), payload: { emoji: "👍" } };
      expect((await deliver(connection, [event])).status).toBe(200);
      const stored = await db().webhookEvent.findFirstOrThrow({ where: { connectionId: connection.id, suncoEventId: event.id } });
      expect(stored.state).toBe("ignored");
    });

    it("answers 401 to a wrong or missing X-API-Key, and stores nothing", async () => {
      const before = (await storedEvents(connection.id)).length;
      const wrong = await deliver(connection, [message()], { apiKey: "not-the-secret" });
      expect(wrong.status).toBe(401);
      expect((await errorOf(wrong)).message).toMatch(/X-API-Key/);
      expect((await deliver(connection, [message()], { apiKey: null })).status).toBe(401);
      expect(await storedEvents(connection.id)).toHaveLength(before);
    });

    it("accepts the previous secret during a rotation, and not once it expired", async () => {
      const rotating = await createWebhookConnection();
      const setPrevious = (expiresAt: Date) =>
        db().connection.update({
          where: { id: rotating.id },
          data: {
            encryptedPreviousWebhookSecret: sealConnectionSecret(rotating.id, "encryptedPreviousWebhookSecret", "old-secret"),
            previousWebhookSecretExpiresAt: expiresAt,
          },
        });
      await setPrevious(new Date(Date.now() + 60_000));
      forgetWebhookConnections();
      expect((await deliver(rotating, [message()], { apiKey: "old-secret" })).status).toBe(200);
      expect((await deliver(rotating, [message()])).status).toBe(200);
      await setPrevious(new Date(Date.now() - 1000));
      forgetWebhookConnections();
      expect((await deliver(rotating, [message()], { apiKey: "old-secret" })).status).toBe(401);
    });

    it("takes a changed secret into account at once: the database tells every instance", async () => {
      const changing = await createWebhookConnection();
      expect((await deliver(changing, [message()])).status).toBe(200);
      await db().connection.update({
        where: { id: changing.id },
        data: { encryptedWebhookSecret: sealConnectionSecret(changing.id, "encryptedWebhookSecret", "new-secret") },
      });
      const deadline = Date.now() + 5000;
      let status = 0;
      while (status !== 200 && Date.now() < deadline) {
        status = (await deliver(changing, [message()], { apiKey: "new-secret" })).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(200);
      expect((await deliver(changing, [message()])).status).toBe(401);
    });

    it("answers 403 to a delivery for another SunCo app", async () => {
      const response = await post(
        connection.id,
        webhookRequest(connection.id, envelope({ appId: suncoId() }, [message()]), { apiKey: connection.webhookSecret }),
      );
      expect(response.status).toBe(403);
      expect((await errorOf(response)).code).toBe("forbidden");
    });

    it("answers 404 for a connection that does not exist or was revoked", async () => {
      expect((await post("no-such-connection", webhookRequest("no-such-connection", envelope(connection, [])))).status).toBe(404);
      const revoked = await createWebhookConnection();
      await db().connection.update({ where: { id: revoked.id }, data: { state: "revoked" } });
      expect((await deliver(revoked, [message()])).status).toBe(404);
    });

    it("answers 400 to a body that is not JSON or not a delivery, naming the problem", async () => {
      const notJson = await post(connection.id, webhookRequest(connection.id, "{ not json", { apiKey: connection.webhookSecret }));
      expect(notJson.status).toBe(400);
      expect((await errorOf(notJson)).message).toMatch(/not valid JSON/);
      const noEvents = await post(
        connection.id,
        webhookRequest(connection.id, { app: { id: connection.appId }, webhook: { id: "w" } }, { apiKey: connection.webhookSecret }),
      );
      expect(noEvents.status).toBe(400);
      expect((await errorOf(noEvents)).message).toMatch(/events/);
      const eventWithoutId = await deliver(connection, [{ type: "conversation:message", payload: {} }]);
      expect(eventWithoutId.status).toBe(400);
    });

    it("accepts an event without createdAt (the spec's referral example has none)", async () => {
      const event = { id: suncoId(), type: "conversation:referral", payload: {} };
      expect((await deliver(connection, [event])).status).toBe(200);
      const stored = await db().webhookEvent.findFirstOrThrow({ where: { suncoEventId: event.id } });
      expect(stored.occurredAt).toBeNull();
    });

    it("answers 415 to anything but JSON", async () => {
      const request = webhookRequest(connection.id, "a=b", { apiKey: connection.webhookSecret, contentType: "application/x-www-form-urlencoded" });
      expect((await post(connection.id, request)).status).toBe(415);
    });

    it("answers 413 to a body over 1 MB, declared or not", async () => {
      const big = JSON.stringify(envelope(connection, [{ ...message(), padding: "x".repeat(MAX_WEBHOOK_BODY_BYTES) }]));
      const streamed = await post(connection.id, webhookRequest(connection.id, big, { apiKey: connection.webhookSecret }));
      expect(streamed.status).toBe(413);
      const declared = webhookRequest(connection.id, "{}", {
        apiKey: connection.webhookSecret,
        headers: { "content-length": String(MAX_WEBHOOK_BODY_BYTES + 1) },
      });
      expect((await post(connection.id, declared)).status).toBe(413);
    });

    it("answers 503 while the database is down, so SunCo retries; the retry is stored once", async () => {
      const outage = withOutage(database());
      installDatabase(outage.database);
      const event = message();
      // First with the connection already cached (the insert fails), then with nothing cached (the lookup fails).
      expect((await deliver(connection, [message()])).status).toBe(200);
      outage.down();
      const failed = await deliver(connection, [event]);
      expect(failed.status).toBe(503);
      expect((await errorOf(failed)).code).toBe("database_unavailable");
      forgetWebhookConnections();
      expect((await deliver(connection, [event])).status).toBe(503);
      outage.up();
      const retried = await deliver(connection, [event]);
      expect(retried.status).toBe(200);
      expect(await retried.json()).toEqual({ stored: 1, duplicates: 0, expired: 0 });
      expect(await db().webhookEvent.count({ where: { suncoEventId: event.id } })).toBe(1);
    });
  });

  describe("event fields a delivery chooses", () => {
    const refusedNaming = async (response: Response, field: RegExp) => {
      expect(response.status).toBe(400);
      expect((await errorOf(response)).message).toMatch(field);
    };

    it.each([
      ["an 8 KB event id", { id: "x".repeat(8 * 1024) }, /events\[0\]\.id must be at most 100 characters/],
      ["an 8 KB random event id", { id: randomBytes(4 * 1024).toString("hex") }, /events\[0\]\.id must be at most 100 characters/],
      ["an 8 KB event type", { type: `conversation:${"x".repeat(8 * 1024)}` }, /events\[0\]\.type must be at most 100 characters/],
      ["an event id with \\u0000", { id: `${suncoId()}\u0000` }, /events\[0\]\.id must not contain control characters/],
      ["an event type with \\u0000", { type: "conversation:message\u0000" }, /events\[0\]\.type must not contain control characters/],
      ["an event id with an unpaired surrogate", { id: `${suncoId()}\ud800` }, /events\[0\]\.id must not contain/],
      ["an empty event id", { id: "" }, /events\[0\]\.id must not be empty/],
    ])("answers 400 to %s, naming it, and stores nothing of the delivery", async (_name, override, field) => {
      const valid = message();
      const before = await db().webhookEvent.count();
      await refusedNaming(await deliver(connection, [{ ...message(), ...override }, valid]), field);
      expect(await db().webhookEvent.count()).toBe(before);
    });

    it("answers 400 to a webhook id SunCo could not have sent", async () => {
      const body = { ...envelope(connection, [message()]), webhook: { id: "w\u0000" } };
      await refusedNaming(await post(connection.id, webhookRequest(connection.id, body, { apiKey: connection.webhookSecret })), /webhook\.id/);
    });

    it("stores thousands of distinct unknown types, ignored, counting them under one metric label", async () => {
      const { webhookEventsReceived } = metrics();
      const labelsBefore = (await webhookEventsReceived.get()).values.map((v) => v.labels.type);
      const events = Array.from({ length: 2000 }, (_, i) => ({ id: suncoId(), type: `made:up:${i}`, createdAt: new Date().toISOString() }));
      const response = await deliver(connection, events);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ stored: 2000, duplicates: 0, expired: 0 });
      expect(await db().webhookEvent.count({ where: { connectionId: connection.id, type: { startsWith: "made:up:" }, state: "ignored" } })).toBe(2000);
      const values = (await webhookEventsReceived.get()).values;
      const labels = new Set(values.map((v) => v.labels.type));
      expect([...labels].filter((label) => !labelsBefore.includes(label))).toEqual(labelsBefore.includes("other") ? [] : ["other"]);
      expect([...labels].every((label) => label === "other" || isKnownWebhookEventType(String(label)) || label === "passthrough:messaging")).toBe(true);
      expect(values.find((v) => v.labels.type === "other")!.value).toBeGreaterThanOrEqual(2000);
    });
  });

  describe("replays of events past the retention window", () => {
    const DAY = 24 * 60 * 60 * 1000;

    it("refuses a captured delivery replayed after its event was pruned: answered 200, nothing stored again", async () => {
      // The delivery as it arrived 31 days ago, and as an attacker captured it.
      const monthAgo = new Date(Date.now() - 31 * DAY);
      const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId(), received: monthAgo.toISOString() });
      const captured = JSON.stringify(envelope(connection, [event]));
      vi.useFakeTimers({ toFake: ["Date"], now: monthAgo });
      try {
        expect((await post(connection.id, webhookRequest(connection.id, captured, { apiKey: connection.webhookSecret }))).status).toBe(200);
      } finally {
        vi.useRealTimers();
      }
      // Processed, and then pruned as retention does 30 days on (by id prefix, which this back-dated row is not).
      expect((await db().webhookEvent.deleteMany({ where: { suncoEventId: event.id } })).count).toBe(1);

      const replay = await post(connection.id, webhookRequest(connection.id, captured, { apiKey: connection.webhookSecret }));
      expect(replay.status).toBe(200);
      expect(await replay.json()).toEqual({ stored: 0, duplicates: 0, expired: 1 });
      expect(await db().webhookEvent.count({ where: { suncoEventId: event.id } })).toBe(0);
    });

    it("stores the fresh events of a delivery and drops only those older than the window", async () => {
      const stale = userMessageEvent({ conversationId: suncoId(), userId: suncoId(), received: new Date(Date.now() - 30 * DAY).toISOString() });
      const fresh = message();
      const recent = userMessageEvent({ conversationId: suncoId(), userId: suncoId(), received: new Date(Date.now() - 20 * DAY).toISOString() });
      const response = await deliver(connection, [stale, fresh, recent]);
      expect(await response.json()).toEqual({ stored: 2, duplicates: 0, expired: 1 });
      const stored = await db().webhookEvent.findMany({ where: { suncoEventId: { in: [stale.id, fresh.id, recent.id] } } });
      expect(stored.map((e) => e.suncoEventId).sort()).toEqual([fresh.id, recent.id].sort());
    });
  });

  describe("webhook metrics", () => {
    const value = async (metric: { get(): Promise<{ values: { value: number; labels: object }[] }> }, labels: object = {}) =>
      (await metric.get()).values.find((v) => JSON.stringify(v.labels) === JSON.stringify(labels))?.value ?? 0;

    it("count requests by status, and events received and redelivered", async () => {
      const { webhookRequests, webhookEventsReceived, webhookEventsDuplicate } = metrics();
      const before = {
        ok: await value(webhookRequests, { status: "200" }),
        unauthorized: await value(webhookRequests, { status: "401" }),
        received: await value(webhookEventsReceived, { type: "conversation:message" }),
        duplicates: await value(webhookEventsDuplicate),
      };
      const event = message();
      await deliver(connection, [event]);
      await deliver(connection, [event]);
      await deliver(connection, [event], { apiKey: "wrong" });
      expect(await value(webhookRequests, { status: "200" })).toBe(before.ok + 2);
      expect(await value(webhookRequests, { status: "401" })).toBe(before.unauthorized + 1);
      expect(await value(webhookEventsReceived, { type: "conversation:message" })).toBe(before.received + 1);
      expect(await value(webhookEventsDuplicate)).toBe(before.duplicates + 1);
    });
  });

  describe("HEAD /api/webhooks/sunco/[connectionId]", () => {
    it("answers 200, as SunCo expects when it creates the webhook", async () => {
      expect((await head(connection.id)).status).toBe(200);
    });
  });
});
