// Webhook delivery: the envelope and its X-API-Key, includeFullUser/includeFullSource, the retry policy, the
// delivery log, delivery faults, and switchboard routing. Every payload is also checked against the spec.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAX_EVENTS_PER_POST } from "@/lib/sandbox/webhooks/delivery";
import { call, fixtureAppClient, type OfficialApis } from "@/tests/support/sunco-official-client";
import { WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";
import type { ReceivedRequest } from "@/tests/support/webhook-receiver";

const env = withSandbox();
let api: OfficialApis;
let appId: string;

beforeAll(() => ({ appId, api } = fixtureAppClient(env.sandbox, 0)));
beforeEach(async () => {
  await env.sandbox.control.reset();
  env.receiver.reply(200);
  env.receiver.received.length = 0;
});

interface Envelope {
  app: { id: string };
  webhook: { id: string; version: string };
  events: { id: string; type: string; createdAt: string; payload: Record<string, any> }[]; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function webhook(name: string, triggers: string[], options: { includeFullUser?: boolean; includeFullSource?: boolean } = {}) {
  const { body } = await call(api.IntegrationsApi, "createIntegration", "CreateIntegration", appId, {
    type: "custom",
    webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}${name}`, triggers, ...options }],
  });
  return { integrationId: body.integration.id as string, ...(body.integration.webhooks[0] as { id: string; secret: string }) };
}

const postsTo = (name: string) => env.receiver.posts().filter((r) => r.path === `${WEBHOOK_PATH}${name}`);
const envelopes = (name: string) => postsTo(name).map((r) => r.body as Envelope);
const arrived = (name: string, count = 1) => env.receiver.waitFor(() => postsTo(name).length >= count);

async function conversationWithVisitor() {
  const visitor = await env.sandbox.control.createEndUser(appId, { givenName: "Vic", surname: "Tor", email: "vic@example.test" });
  const conversation = await env.sandbox.control.openConversation(appId, visitor.id);
  return { visitor, conversationId: conversation.id };
}

const postText = (conversationId: string, text: string) =>
  call(api.MessagesApi, "postMessage", "PostMessage", appId, conversationId, { author: { type: "business" }, content: { type: "text", text } });

describe("webhook delivery", () => {
  it("POSTs the spec's envelope with the webhook's secret as X-API-Key", async () => {
    const hook = await webhook("signed", ["conversation:message"]);
    const { visitor, conversationId } = await conversationWithVisitor();
    const sent = await env.sandbox.control.sendAsEndUser(conversationId, visitor.id, { type: "text", text: "Hello?" });
    await arrived("signed");

    const [request] = postsTo("signed") as [ReceivedRequest];
    expect(request.headers["x-api-key"]).toBe(hook.secret);
    expect(request.headers["content-type"]).toBe("application/json");
    const envelope = request.body as Envelope;
    expect(envelope.app).toEqual({ id: appId });
    expect(envelope.webhook).toEqual({ id: hook.id, version: "v2" });
    expect(envelope.events).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{24}$/),
        type: "conversation:message",
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        payload: {
          conversation: { id: conversationId, type: "personal" },
          message: expect.objectContaining({ id: sent.id, content: { type: "text", text: "Hello?" } }),
        },
      },
    ]);
    expect(envelope.events[0]!.payload.message.author).toMatchObject({ type: "user", userId: visitor.id, displayName: "Vic Tor" });
    expect(envelope.events[0]!.payload.message.author.user).toEqual({ id: visitor.id, authenticated: false });
    expect(envelope.events[0]!.payload.message.source).toEqual({ type: "web", integrationId: env.sandbox.fixtures.apps[0]!.integrations[0]!.id });
  });

  it("sends only the triggers a webhook subscribed to, business messages included", async () => {
    await webhook("reads", ["conversation:read"]);
    await webhook("messages", ["conversation:message"]);
    const { visitor, conversationId } = await conversationWithVisitor();
    await postText(conversationId, "From the business");
    await env.sandbox.control.markRead(conversationId, visitor.id);
    await arrived("reads");
    await arrived("messages");
    expect(envelopes("reads").flatMap((e) => e.events.map((event) => event.type))).toEqual(["conversation:read"]);
    expect(envelopes("messages").flatMap((e) => e.events.map((event) => event.payload.message.author.type))).toEqual(["business"]);
  });

  it("includeFullUser adds the whole user; includeFullSource the client and device", async () => {
    await webhook("full", ["conversation:message"], { includeFullUser: true, includeFullSource: true });
    const { visitor, conversationId } = await conversationWithVisitor();
    await env.sandbox.control.sendAsEndUser(conversationId, visitor.id, { type: "text", text: "Full" });
    await arrived("full");
    const message = envelopes("full")[0]!.events[0]!.payload.message;
    expect(message.author.user).toMatchObject({ id: visitor.id, profile: { givenName: "Vic", surname: "Tor", email: "vic@example.test" } });
    expect(message.author.user.identities).toEqual([{ type: "email", value: "vic@example.test", verification: "verified" }]);
    expect(message.source.client).toMatchObject({ type: "sdk", status: "active" });
    expect(message.source.device).toMatchObject({ type: "web", status: "active" });
  });

  it("retries after a 500 until the target accepts, logging every attempt", async () => {
    const hook = await webhook("flaky", ["conversation:message"]);
    env.receiver.reply(500, 500, 200);
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Try again");
    const [delivery] = await env.sandbox.control.waitForDeliveries({ webhookId: hook.id }, (d) => d[0]?.state === "delivered");
    expect(delivery!.attempts.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(postsTo("flaky").map((r) => (r.body as Envelope).events[0]!.id)).toEqual(Array(3).fill(delivery!.eventIds[0]));
    expect(postsTo("flaky").every((r) => r.headers["x-api-key"] === hook.secret)).toBe(true);
  });

  it.each([400, 401, 403, 404, 406])("never retries after a %i", async (status) => {
    const hook = await webhook(`refused-${status}`, ["conversation:message"]);
    env.receiver.reply(status);
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Refused");
    const [delivery] = await env.sandbox.control.waitForDeliveries({ webhookId: hook.id }, (d) => d[0]?.state === "failed");
    expect(delivery!.attempts.map((a) => a.status)).toEqual([status]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(postsTo(`refused-${status}`)).toHaveLength(1);
  });

  it("gives up after 5 attempts", async () => {
    const hook = await webhook("down", ["conversation:message"]);
    env.receiver.reply(503);
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Anyone?");
    const [delivery] = await env.sandbox.control.waitForDeliveries({ webhookId: hook.id }, (d) => d[0]?.state === "failed");
    expect(delivery!.attempts.map((a) => a.status)).toEqual([503, 503, 503, 503, 503]);
  });

  it("an attempt without an answer in time fails and is retried", async () => {
    const hook = await webhook("slow", ["conversation:message"]);
    env.receiver.reply("hang", 200);
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Still there?");
    const [delivery] = await env.sandbox.control.waitForDeliveries({ webhookId: hook.id }, (d) => d[0]?.state === "delivered");
    expect(delivery!.attempts[0]).toMatchObject({ status: null, error: "No answer within 1000 ms" });
    expect(delivery!.attempts[1]!.status).toBe(200);
  });
});

describe("a backlog", () => {
  /** The target answers its next POST only when `release` is called (before the attempt's 1 s time limit): busy. */
  function busyTarget() {
    let release!: () => void;
    env.receiver.reply({ status: 200, until: new Promise<void>((resolve) => (release = resolve)) }, 200);
    return () => release();
  }
  /** The texts of each POST's messages; a POST sent again (a retry) counted once. */
  const batches = (name: string) =>
    [...new Map(envelopes(name).map((envelope) => [envelope.events.map((event) => event.id).join(), envelope])).values()].map((envelope) =>
      envelope.events.map((event) => event.payload.message.content.text as string),
    );
  const allArrived = (name: string, count: number) => env.receiver.waitFor(() => batches(name).flat().length >= count);

  it("gathers the events that follow a POST still on its way into the next POST, in order, at most 10 to one", async () => {
    const hook = await webhook("backlog", ["conversation:message"]);
    const { conversationId } = await conversationWithVisitor();
    const release = busyTarget();
    const texts = Array.from({ length: MAX_EVENTS_PER_POST + 3 }, (_, i) => `m${i}`);
    for (const text of texts) await postText(conversationId, text);
    release();
    await allArrived("backlog", texts.length);

    expect(batches("backlog")).toEqual([["m0"], texts.slice(1, MAX_EVENTS_PER_POST + 1), texts.slice(MAX_EVENTS_PER_POST + 1)]);
    expect(envelopes("backlog").every((envelope) => envelope.webhook.id === hook.id && envelope.app.id === appId)).toBe(true);
    // The log has one delivery per POST, naming each of its events.
    const deliveries = await env.sandbox.control.waitForDeliveries({ webhookId: hook.id }, (d) => d.length === 3 && d.every((delivery) => delivery.state === "delivered"));
    expect(deliveries.map((delivery) => delivery.eventIds.length).sort((a, b) => a - b)).toEqual([1, 2, MAX_EVENTS_PER_POST]);
  });

  it("sends an event a fault acts on alone: a duplicate twice, a reordered one overtaken by the next; the rest still gather", async () => {
    await webhook("backlog-faults", ["conversation:message"]);
    const { conversationId } = await conversationWithVisitor();
    const release = busyTarget();
    await postText(conversationId, "first");
    await postText(conversationId, "second");
    await env.sandbox.control.webhookFault("duplicate");
    await postText(conversationId, "twice");
    await env.sandbox.control.webhookFault("reorder");
    await postText(conversationId, "held back");
    await postText(conversationId, "overtaking");
    await postText(conversationId, "third");
    await postText(conversationId, "fourth");
    release();
    await env.receiver.waitFor(() => envelopes("backlog-faults").flatMap((envelope) => envelope.events).length >= 8);

    expect(envelopes("backlog-faults").map((envelope) => envelope.events.map((event) => event.payload.message.content.text))).toEqual([
      ["first"],
      ["second"],
      ["twice"],
      ["twice"],
      ["overtaking"],
      ["held back"],
      ["third", "fourth"],
    ]);
  });
});

describe("webhook delivery faults", () => {
  it("duplicate: the same event arrives twice", async () => {
    await webhook("twice", ["conversation:message"]);
    await env.sandbox.control.webhookFault("duplicate");
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Echo");
    await arrived("twice", 2);
    const [first, second] = envelopes("twice");
    expect(second).toEqual(first);
  });

  it("wrongSecret: the X-API-Key is not the webhook's secret", async () => {
    const hook = await webhook("forged", ["conversation:message"]);
    await env.sandbox.control.webhookFault("wrongSecret");
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "Who's this?");
    await arrived("forged");
    expect(postsTo("forged")[0]!.headers["x-api-key"]).not.toBe(hook.secret);
    const [delivery] = await env.sandbox.control.deliveries({ webhookId: hook.id });
    expect(delivery).toMatchObject({ fault: "wrongSecret" });
  });

  it("reorder: an event is overtaken by the next one", async () => {
    await webhook("shuffled", ["conversation:message"]);
    await env.sandbox.control.webhookFault("reorder");
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "first");
    await postText(conversationId, "second");
    await arrived("shuffled", 2);
    expect(envelopes("shuffled").map((e) => e.events.map((event) => event.payload.message.content.text))).toEqual([["second"], ["first"]]);
  });
});

describe("switchboard routing", () => {
  it("an integration in standby without standby events hears nothing until it gets control", async () => {
    const bot = await webhook("bot", ["conversation:message"]);
    const { body } = await call(api.SwitchboardsApi, "createSwitchboard", "CreateSwitchboard", appId);
    const switchboardId = body.switchboard.id;
    const agents = await call(api.SwitchboardIntegrationsApi, "createSwitchboardIntegration", "CreateSwitchboardIntegration", appId, switchboardId, {
      name: "agents",
      integrationType: "zd:agentWorkspace",
    });
    await call(api.SwitchboardIntegrationsApi, "createSwitchboardIntegration", "CreateSwitchboardIntegration", appId, switchboardId, {
      name: "bot",
      integrationId: bot.integrationId,
      deliverStandbyEvents: false,
    });
    await call(api.SwitchboardsApi, "updateSwitchboard", "UpdateSwitchboard", appId, switchboardId, {
      enabled: true,
      defaultSwitchboardIntegrationId: agents.body.switchboardIntegration.id,
    });
    const { conversationId } = await conversationWithVisitor();
    await postText(conversationId, "while agents have control");
    await call(api.SwitchboardActionsApi, "passControl", "PassControl", appId, conversationId, { switchboardIntegration: "bot" });
    await postText(conversationId, "now the bot has it");
    await arrived("bot");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(envelopes("bot").flatMap((e) => e.events.map((event) => event.payload.message.content.text))).toEqual(["now the bot has it"]);
    expect(envelopes("bot")[0]!.events[0]!.payload.conversation.activeSwitchboardIntegration).toMatchObject({ name: "bot" });
  });
});
