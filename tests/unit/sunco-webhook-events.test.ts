// Webhook deliveries: every event is kept, and ingestion can tell the ones it may act on.
import { describe, expect, it } from "vitest";
import {
  KNOWN_WEBHOOK_EVENT_TYPES,
  WEBHOOK_TRIGGERS,
  classifyWebhookEvent,
  describeIssues,
  webhookEnvelopeSchema,
  type WebhookEvent,
} from "@/lib/sunco/schemas";
import { webhookEventSchemaNames, webhookExamples } from "@/tests/support/sunco/spec";

const envelope = (events: unknown[]) => ({
  app: { id: "5ebee0975ac5304b664a12fa" },
  webhook: { id: "5f4eaef81e3dcc117c7ba48a", version: "v2" },
  events,
});

const conversation = { id: "f52b01137aa6c250bc7251fa", type: "personal" };
const base = { id: "5f74a0d52b5315fc007e798a", createdAt: "2020-09-30T15:14:29.834Z" };

describe("webhook events", () => {
  it("has a schema for each of the 25 event types of x-webhooks, and lists the 26 triggers of the spec's table", () => {
    expect(WEBHOOK_TRIGGERS).toHaveLength(26);
    expect([...KNOWN_WEBHOOK_EVENT_TYPES].sort()).toEqual([...webhookEventSchemaNames().keys()].sort());
  });

  it("parses every x-webhooks example as a known event of its type", () => {
    const examples = webhookExamples();
    expect(examples).toHaveLength(25);
    for (const example of examples) {
      const { events } = webhookEnvelopeSchema.parse(example.value);
      const classified = events.map(classifyWebhookEvent);
      expect(classified.map((c) => [c.kind, c.event.type])).toEqual([["known", example.name]]);
    }
  });

  it("types a known event by its type", () => {
    const event = {
      ...base,
      type: "conversation:message",
      payload: {
        conversation,
        message: {
          id: "5f74c7d84a146f3abd72af1d",
          received: "2020-09-30T18:00:56.820Z",
          author: { type: "user", userId: "26508c10541a4b0ff472e5e2", user: { id: "26508c10541a4b0ff472e5e2" } },
          content: { type: "text", text: "hello" },
        },
      },
    };
    const classified = classifyWebhookEvent(event);
    if (classified.kind !== "known" || classified.event.type !== "conversation:message") throw new Error("not known");
    expect(classified.event.payload.message.author.user?.id).toBe("26508c10541a4b0ff472e5e2");
  });

  it("keeps events of types without a schema, passthrough:messaging included, as unknown", () => {
    const passthrough = { ...base, type: "passthrough:messaging", payload: { apple: { interactiveDataRef: {} } } };
    const future = { id: "6a", type: "conversation:reaction", payload: { emoji: "👍" } };
    const { events } = webhookEnvelopeSchema.parse(envelope([passthrough, future]));
    expect(events.map(classifyWebhookEvent)).toEqual([
      { kind: "unknown", event: passthrough },
      { kind: "unknown", event: future },
    ]);
  });

  it("keeps a known type with an unexpected payload as invalid, saying why", () => {
    const event: WebhookEvent = { ...base, type: "conversation:message", payload: { conversation } };
    expect(classifyWebhookEvent(event)).toEqual({ kind: "invalid", event, problems: ["payload.message is required"] });
    const reason = { ...base, type: "user:update", payload: { user: { id: "u1" }, reason: "magic" } };
    expect(classifyWebhookEvent(reason)).toMatchObject({
      kind: "invalid",
      problems: ["payload.reason must be one of: authentication, localeDetection"],
    });
  });

  it("refuses only an envelope without an app, a webhook or an events array", () => {
    const result = webhookEnvelopeSchema.safeParse({ webhook: { id: "w" }, events: {} });
    expect(result.success ? [] : describeIssues(result.error)).toEqual(["app is required", "events must be an array"]);
    expect(webhookEnvelopeSchema.safeParse(envelope([{ id: "e", type: "x" }])).success).toBe(true);
  });
});
