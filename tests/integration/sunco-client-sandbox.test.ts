// Every method of the SunCo client, against the standalone sandbox over HTTP, with an app key as Basic credentials.
// (Each credential type has its own file: sunco-client-auth.test.ts.)
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLIENT_MESSAGE_ID_KEY, type SuncoClient } from "@/lib/sunco";
import type { MessagePostBody, WebhookTrigger } from "@/lib/sunco/schemas";
import { startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { appKeyCredentials, collect, sandboxClient, suncoFailure } from "@/tests/support/sunco-client";
import { startWebhookReceiver, type WebhookReceiver } from "@/tests/support/webhook-receiver";

let sandbox: StartedSandbox;
let partner: WebhookReceiver;
let client: SuncoClient;

beforeAll(async () => {
  partner = await startWebhookReceiver();
  sandbox = await startSandbox({ appUrl: partner.url });
  client = sandboxClient(sandbox, appKeyCredentials(sandbox));
});
afterAll(async () => {
  await sandbox.stop();
  await partner.stop();
});
beforeEach(async () => {
  await sandbox.control.reset();
  partner.received.length = 0;
});

const acme = () => sandbox.fixtures.apps[0]!;
const business = { type: "business" as const, displayName: "Support" };

async function userWithConversation(externalId = `customer-${Math.random().toString(36).slice(2)}`) {
  const user = await client.users.create({ externalId, profile: { givenName: "Ada" } });
  const conversation = await client.conversations.create({ type: "personal", participants: [{ userId: user.id }] });
  return { user, conversation };
}

/** Drives the sandbox's end-user simulator: a Web Messenger visitor, with an SDK client and a device. */
async function webVisitor(profile: { email?: string; givenName?: string } = {}) {
  const response = await fetch(`${sandbox.url}/_control/apps/${acme().id}/end-users`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(profile),
  });
  return ((await response.json()) as { user: { id: string } }).user;
}

async function fillConversation(conversationId: string, count: number) {
  await fetch(`${sandbox.url}/_control/conversations/${conversationId}/fill`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ count }),
  });
}

const customIntegration = (target: string, triggers: WebhookTrigger[] = ["conversation:message"]) =>
  client.integrations.create({ type: "custom", displayName: "Partner bot", webhooks: [{ target, triggers }] });

describe("the app", () => {
  it("reads the app with its subdomain, and updates it", async () => {
    expect(await client.app.get()).toMatchObject({ id: acme().id, subdomain: acme().subdomain });
    const updated = await client.app.update({ displayName: "Acme Care", metadata: { tier: "gold" } });
    expect(updated).toMatchObject({ displayName: "Acme Care", metadata: { tier: "gold" } });
  });
});

describe("users", () => {
  it("creates, reads by id and by external id, updates and deletes a user", async () => {
    const created = await client.users.create({ externalId: "cust/42 é", profile: { givenName: "Ada", email: "ada@example.test" } });
    expect(await client.users.get(created.id)).toMatchObject({ id: created.id, externalId: "cust/42 é" });
    expect((await client.users.get("cust/42 é")).id).toBe(created.id);
    const updated = await client.users.update(created.id, { profile: { surname: "Lovelace" }, metadata: { plan: "pro" } });
    expect(updated).toMatchObject({ profile: { surname: "Lovelace" }, metadata: { plan: "pro" } });
    await client.users.delete(created.id);
    expect((await suncoFailure(client.users.get(created.id))).code).toBe("user_not_found");
  });

  it("finds users by email identity", async () => {
    const visitor = await webVisitor({ email: "grace@example.test" });
    const found = await client.users.findByEmail("grace@example.test");
    expect(found.map((user) => user.id)).toContain(visitor.id);
  });

  it("erases a user's personal information but keeps the user", async () => {
    const { user } = await userWithConversation();
    const erased = await client.users.deletePersonalInformation(user.id);
    expect(erased.id).toBe(user.id);
    expect(erased.profile?.givenName ?? undefined).toBeUndefined();
  });

  it("syncs a user by Zendesk id", async () => {
    const { user } = await userWithConversation();
    sandbox.sandbox.context.state.users.get(user.id)!.zendeskId = "90001";
    expect((await client.users.sync("90001")).id).toBe(user.id);
    expect((await suncoFailure(client.users.sync("404404"))).kind).toBe("not_found");
  });
});

describe("clients and devices", () => {
  it("links a channel to a user, lists its clients page by page, and removes one", async () => {
    const { user, conversation } = await userWithConversation();
    const twilio = await client.integrations.create({
      type: "twilio",
      accountSid: "AC123",
      authToken: "twilio-secret",
      phoneNumberSid: "PN123",
    });
    const linked = await client.clients.create(user.id, {
      matchCriteria: { type: "twilio", integrationId: twilio.id, phoneNumber: "+15145550101" },
      confirmation: { type: "immediate" },
      target: { conversationId: conversation.id },
    });
    expect(linked).toMatchObject({ type: "twilio", integrationId: twilio.id });
    const page = await client.clients.list(user.id, { size: 1 });
    expect(page.items).toHaveLength(1);
    expect((await collect(client.clients.iterate(user.id, { pageSize: 1 }))).map((c) => c.id)).toContain(linked.id);
    await client.clients.remove(user.id, linked.id);
    expect((await collect(client.clients.iterate(user.id))).map((c) => c.id)).not.toContain(linked.id);
  });

  it("lists and reads a Web Messenger visitor's devices", async () => {
    const visitor = await webVisitor({ givenName: "Vi" });
    const devices = await client.devices.list(visitor.id);
    expect(devices).toHaveLength(1);
    expect(await client.devices.get(visitor.id, devices[0]!.id)).toMatchObject({ id: devices[0]!.id, type: "web" });
  });
});

describe("conversations", () => {
  it("creates, reads, updates and deletes a conversation", async () => {
    const { conversation } = await userWithConversation();
    expect((await client.conversations.get(conversation.id)).id).toBe(conversation.id);
    const updated = await client.conversations.update(conversation.id, { displayName: "Order #7", metadata: { order: 7 } });
    expect(updated).toMatchObject({ displayName: "Order #7", metadata: { order: 7 } });
    const group = await client.conversations.create({ type: "sdkGroup", displayName: "Team" });
    await client.conversations.delete(group.id);
    expect((await suncoFailure(client.conversations.get(group.id))).code).toBe("conversation_not_found");
  });

  it("lists a user's conversations across pages", async () => {
    const globex = sandboxClient(sandbox, {
      type: "basic",
      keyId: sandbox.fixtures.apps[1]!.appKeys[0]!.id,
      secret: sandbox.fixtures.apps[1]!.appKeys[0]!.secret,
    }, { appId: sandbox.fixtures.apps[1]!.id });
    const user = await globex.users.create({ externalId: "multi" });
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await globex.conversations.create({ type: "personal", participants: [{ userId: user.id }] }));
    }
    const first = await globex.conversations.list({ userId: user.id }, { size: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.meta.hasMore).toBe(true);
    const all = await collect(globex.conversations.iterate({ userExternalId: "multi" }, { pageSize: 2 }));
    expect(all.map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
  });

  it("downloads an Apple message reference and posts conversion events", async () => {
    const { user, conversation } = await userWithConversation();
    await client.integrations.create({ type: "apple", businessId: "biz", apiSecret: "apple-secret", mspId: "msp" });
    const ref = { url: "https://apple.test/ref", bid: "b", key: "k", signature: "s", owner: "o" };
    const data = await client.conversations.downloadMessageRef(conversation.id, {
      userId: user.id,
      apple: { interactiveDataRef: ref },
    });
    expect(data).toHaveProperty("interactiveData");

    await client.integrations.create({ type: "messenger", pageAccessToken: "page-token", appId: "fb-app", appSecret: "fb-secret" });
    const events = await client.conversations.postConversionEvents(conversation.id, {
      messenger: { payload: { data: [{ event_name: "Purchase" }, { event_name: "Lead" }] } },
    });
    expect(events).toMatchObject({ eventsReceived: 2 });
  });
});

describe("participants", () => {
  it("joins, lists and leaves a group conversation", async () => {
    const { user } = await userWithConversation();
    const other = await client.users.create({ externalId: "other" });
    const group = await client.conversations.create({
      type: "sdkGroup",
      participants: [{ userId: user.id, subscribeSDKClient: false }],
    });
    const joined = await client.participants.join(group.id, { userExternalId: "other", subscribeSDKClient: false });
    expect(joined.userId).toBe(other.id);
    expect((await client.participants.list(group.id, { size: 1 })).meta.hasMore).toBe(true);
    expect((await collect(client.participants.iterate(group.id, { pageSize: 1 }))).map((p) => p.userId).sort()).toEqual(
      [user.id, other.id].sort(),
    );
    await client.participants.leave(group.id, { userId: other.id });
    expect((await collect(client.participants.iterate(group.id))).map((p) => p.userId)).toEqual([user.id]);
  });
});

describe("messages", () => {
  const link = { type: "link" as const, text: "Track", uri: "https://shop.test/track" };
  const postback = { type: "postback" as const, text: "Talk to us", payload: "TALK" };
  const sendable: MessagePostBody["content"][] = [
    {
      type: "text",
      text: "Hello",
      actions: [
        link,
        postback,
        { type: "reply", text: "Yes", payload: "YES" },
        { type: "buy", text: "Pay", amount: 1999, currency: "usd" },
        { type: "locationRequest", text: "Share location" },
        { type: "webview", text: "Open", uri: "https://shop.test/w", fallback: "https://shop.test/f" },
      ],
    },
    { type: "image", mediaUrl: "https://cdn.test/cat.png", altText: "a cat" },
    { type: "file", mediaUrl: "https://cdn.test/invoice.pdf" },
    { type: "carousel", items: [{ title: "Shoe", actions: [link] }, { title: "Boot", actions: [postback] }] },
    { type: "list", items: [{ title: "Plan A", actions: [link] }], actions: [postback] },
    { type: "location", coordinates: { lat: 45.5, long: -73.6 }, location: { name: "Office" } },
    {
      type: "form",
      fields: [
        { type: "text", name: "name", label: "Your name" },
        { type: "select", name: "size", label: "Size", options: [{ label: "Small", name: "s" }] },
      ],
    },
  ];

  it("sends every sendable content type, each tagged with its client-side id", async () => {
    const { conversation } = await userWithConversation();
    for (const content of sendable) {
      const [message] = await client.messages.send(conversation.id, { author: business, content });
      expect(message!.content.type, content.type).toBe(content.type);
      expect(message!.metadata?.[CLIENT_MESSAGE_ID_KEY]).toEqual(expect.any(String));
    }
    const { items } = await client.messages.list(conversation.id);
    expect(items.map((message) => message.content.type)).toEqual(sendable.map((content) => content.type));
  });

  it("sends a WhatsApp template, a user's message and keeps the caller's metadata and client id", async () => {
    const { user, conversation } = await userWithConversation();
    const [template] = await client.messages.send(conversation.id, {
      author: business,
      schema: "whatsapp",
      content: { type: "template", template: { namespace: "ns", name: "order_update", language: { code: "en" } } },
    });
    expect(template!.content.type).toBe("template");
    const [fromUser] = await client.messages.send(
      conversation.id,
      { author: { type: "user", userId: user.id }, content: { type: "text", text: "Hi" }, metadata: { lang: "en" } },
      { clientMessageId: "outbox-row-17" },
    );
    expect(fromUser!.metadata).toEqual({ lang: "en", [CLIENT_MESSAGE_ID_KEY]: "outbox-row-17" });
  });

  it("pages back through history newest first, and deletes one message or all", async () => {
    const { conversation } = await userWithConversation();
    await fillConversation(conversation.id, 230);
    const [latest] = await client.messages.send(conversation.id, { author: business, content: { type: "text", text: "latest" } });
    const page = await client.messages.list(conversation.id);
    expect(page.items).toHaveLength(100);
    expect(page.items.at(-1)!.id).toBe(latest!.id);
    const history = await collect(client.messages.iterate(conversation.id));
    expect(history).toHaveLength(231);
    expect(history[0]!.id).toBe(latest!.id);
    expect(new Set(history.map((message) => message.id)).size).toBe(231);

    await client.messages.delete(conversation.id, latest!.id);
    expect((await client.messages.list(conversation.id)).items.map((message) => message.id)).not.toContain(latest!.id);
    await client.messages.deleteAll(conversation.id);
    expect((await client.messages.list(conversation.id)).items).toEqual([]);
  });
});

describe("activity", () => {
  it("posts typing indicators and read marks, the business's and the user's", async () => {
    await customIntegration(`${partner.url}/activity`, ["conversation:read"]);
    const { user, conversation } = await userWithConversation();
    await client.activities.post(conversation.id, { author: business, type: "typing:start" });
    await client.activities.post(conversation.id, { author: business, type: "typing:stop" });
    await client.activities.post(conversation.id, { author: business, type: "conversation:read" });
    expect((await client.conversations.get(conversation.id)).businessLastRead).toEqual(expect.any(String));
    await client.activities.post(conversation.id, { author: { type: "user", userId: user.id }, type: "conversation:read" });
    expect((await client.participants.list(conversation.id)).items[0]!.lastRead).toEqual(expect.any(String));
    await partner.waitFor(() => partner.posts().length === 1);
  });
});

describe("switchboards and control", () => {
  it("manages a switchboard and its integrations, and passes, offers, accepts and releases control", async () => {
    const bot = await customIntegration(`${partner.url}/bot`);
    const agents = await customIntegration(`${partner.url}/agents`);
    const switchboard = await client.switchboards.create();
    expect(await client.switchboards.list()).toEqual([expect.objectContaining({ id: switchboard.id })]);
    const botLink = await client.switchboardIntegrations.create(switchboard.id, { name: "bot", integrationId: bot.id });
    const agentLink = await client.switchboardIntegrations.create(switchboard.id, {
      name: "agents",
      integrationId: agents.id,
      deliverStandbyEvents: false,
    });
    const renamed = await client.switchboardIntegrations.update(switchboard.id, botLink.id, {
      nextSwitchboardIntegrationId: agentLink.id,
    });
    expect(renamed.nextSwitchboardIntegrationId).toBe(agentLink.id);
    expect((await client.switchboardIntegrations.list(switchboard.id)).map((si) => si.name).sort()).toEqual(["agents", "bot"]);
    const enabled = await client.switchboards.update(switchboard.id, { enabled: true, defaultSwitchboardIntegrationId: botLink.id });
    expect(enabled).toMatchObject({ enabled: true, defaultSwitchboardIntegrationId: botLink.id });

    const { conversation } = await userWithConversation();
    await client.switchboardActions.passControl(conversation.id, { switchboardIntegration: "agents", metadata: { why: "human" } });
    expect((await client.conversations.get(conversation.id)).activeSwitchboardIntegration?.name).toBe("agents");
    await client.switchboardActions.offerControl(conversation.id, { switchboardIntegration: "bot" });
    expect((await client.conversations.get(conversation.id)).pendingSwitchboardIntegration?.name).toBe("bot");
    await client.switchboardActions.acceptControl(conversation.id);
    expect((await client.conversations.get(conversation.id)).activeSwitchboardIntegration?.name).toBe("bot");
    await client.switchboardActions.releaseControl(conversation.id);

    await client.switchboards.update(switchboard.id, { defaultSwitchboardIntegrationId: agentLink.id });
    await client.switchboardIntegrations.update(switchboard.id, botLink.id, { nextSwitchboardIntegrationId: null });
    await client.switchboardIntegrations.delete(switchboard.id, botLink.id);
    await client.switchboards.delete(switchboard.id);
    expect(await client.switchboards.list()).toEqual([]);
  });
});

describe("attachments", () => {
  it("uploads a file as multipart and removes it", async () => {
    const { conversation } = await userWithConversation();
    const attachment = await client.attachments.upload({
      file: new Blob(["%PDF-1.4 invoice"], { type: "application/pdf" }),
      filename: "invoice.pdf",
      conversationId: conversation.id,
      for: "message",
    });
    expect(attachment.mediaType).toBe("application/pdf");
    const download = await fetch(attachment.mediaUrl);
    expect(await download.text()).toBe("%PDF-1.4 invoice");
    await client.attachments.remove(attachment.mediaUrl);
    expect((await fetch(attachment.mediaUrl)).status).toBe(404);
  });
});

describe("integrations, keys and webhooks", () => {
  it("creates, lists by type, reads, updates and deletes integrations", async () => {
    const custom = await customIntegration(`${partner.url}/hook`);
    expect(custom).toMatchObject({ type: "custom", displayName: "Partner bot" });
    const customOnly = await client.integrations.list({ types: ["custom"] });
    expect(customOnly.items.map((integration) => integration.id)).toEqual([custom.id]);
    const all = await collect(client.integrations.iterate({}, { pageSize: 1 }));
    expect(all.map((integration) => integration.type).sort()).toEqual(["custom", "web"]);
    expect((await client.integrations.get(custom.id)).id).toBe(custom.id);
    expect((await client.integrations.update(custom.id, { displayName: "Bot v2" })).displayName).toBe("Bot v2");
    await client.integrations.delete(custom.id);
    expect((await suncoFailure(client.integrations.get(custom.id))).code).toBe("integration_not_found");
  });

  it("manages a custom integration's API keys", async () => {
    const custom = await customIntegration(`${partner.url}/hook`);
    const key = await client.integrationKeys.create(custom.id, { displayName: "Production" });
    expect(key).toMatchObject({ id: expect.stringMatching(/^int_/), secret: expect.any(String) });
    expect((await client.integrationKeys.list(custom.id)).map((k) => k.id)).toEqual([key.id]);
    expect((await client.integrationKeys.get(custom.id, key.id)).displayName).toBe("Production");
    await client.integrationKeys.delete(custom.id, key.id);
    expect(await client.integrationKeys.list(custom.id)).toEqual([]);
  });

  it("manages an integration's webhooks after SunCo's HEAD check of the target", async () => {
    const custom = await customIntegration(`${partner.url}/first`);
    const webhook = await client.webhooks.create(custom.id, {
      target: `${partner.url}/second`,
      triggers: ["conversation:message", "conversation:postback"],
      includeFullUser: true,
    });
    expect(webhook).toMatchObject({ target: `${partner.url}/second`, secret: expect.any(String) });
    expect(partner.received.some((r) => r.method === "HEAD" && r.path === "/second")).toBe(true);
    expect((await client.webhooks.list(custom.id)).map((w) => w.id)).toContain(webhook.id);
    expect((await client.webhooks.get(custom.id, webhook.id)).includeFullUser).toBe(true);
    const updated = await client.webhooks.update(custom.id, webhook.id, { triggers: ["conversation:read"] });
    expect(updated.triggers).toEqual(["conversation:read"]);
    await client.webhooks.delete(custom.id, webhook.id);
    expect((await suncoFailure(client.webhooks.get(custom.id, webhook.id))).kind).toBe("not_found");
  });
});

describe("errors and bad input", () => {
  it("refuses input the spec forbids before sending anything, naming the field", async () => {
    let requests = 0;
    const counted = sandboxClient(sandbox, appKeyCredentials(sandbox), {
      fetch: (input, init) => {
        requests++;
        return fetch(input, init);
      },
    });
    const error = await suncoFailure(
      counted.messages.send("65f000000000000000000c01", { author: business, content: { type: "text", text: "x".repeat(4097) } }),
    );
    expect(error).toMatchObject({ kind: "client", status: null, operation: "PostMessage" });
    expect(error.errors.map((e) => e.title)).toEqual(["content.text must be at most 4096 characters"]);
    const listError = await suncoFailure(counted.conversations.list({ userId: "u", userExternalId: "e" } as never));
    expect(listError.errors[0]!.title).toContain("filter[userId]");
    await expect(counted.conversations.get("..")).rejects.toThrow("conversationId");
    expect(requests).toBe(0);
  });

  it("turns SunCo's errors into typed errors with the status and SunCo's codes", async () => {
    const { user } = await userWithConversation("taken");
    const conflict = await suncoFailure(client.users.create({ externalId: "taken" }));
    expect(conflict).toMatchObject({ kind: "client", status: 409, code: "conflict" });
    const missing = await suncoFailure(client.conversations.list({ userId: "65f0000000000000000fffff" }));
    expect(missing).toMatchObject({ kind: "not_found", status: 404, code: "user_not_found" });
    expect(user.externalId).toBe("taken");
  });
});
