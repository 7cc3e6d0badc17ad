// Create Client (channel linking) in the sandbox: each matchCriteria type starts pending (client:add), settles on the
// sandbox clock into active (client:update confirmed) or, under a channel-link fault, removed (client:remove).
import { beforeAll, describe, expect, it } from "vitest";
import { appApi, WEBHOOK_PATH, withSandbox } from "@/tests/support/sandbox-server";

// Real time: links settle only when the test advances the sandbox clock (their timers are seconds away).
const env = withSandbox({ timeScale: 1 });
let appId: string;
let api: ReturnType<typeof appApi>;

type Event = { type: string; payload: Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHANNELS = {
  whatsapp: {},
  twilio: { accountSid: "AC123", authToken: "secret", phoneNumberSid: "PN123" },
  messagebird: { accessKey: "key", signingKey: "signing", originator: "+15145550000" },
  mailgun: { apiKey: "key", domain: "mail.example.test", incomingAddress: "help@mail.example.test" },
} as const;
const integrationIds: Record<string, string> = {};

const clientEvents = (clientId: string): Event[] =>
  env.receiver
    .posts()
    .filter((r) => r.path === `${WEBHOOK_PATH}clients`)
    .flatMap((r) => (r.body as { events: Event[] }).events)
    .filter((e) => e.type.startsWith("client:") && e.payload.client?.id === clientId);

async function userInConversation() {
  const user = (await api("POST", "/users", { externalId: `customer-${Math.random().toString(36).slice(2)}` })).body.user;
  const conversation = (await api("POST", "/conversations", { type: "personal", participants: [{ userId: user.id }] })).body.conversation;
  return { userId: user.id as string, conversationId: conversation.id as string };
}

const criteria = (type: keyof typeof CHANNELS, reach: string, extra: Record<string, unknown> = {}) => ({
  type,
  integrationId: integrationIds[type],
  ...(type === "mailgun" ? { address: reach } : { phoneNumber: reach }),
  ...extra,
});

async function link(type: keyof typeof CHANNELS, reach: string, confirmation = "immediate", extra: Record<string, unknown> = {}) {
  const { userId, conversationId } = await userInConversation();
  const created = await api("POST", `/users/${userId}/clients`, {
    matchCriteria: criteria(type, reach, extra),
    confirmation: { type: confirmation },
    target: { conversationId },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return { userId, conversationId, client: created.body.client };
}

const clientsOf = async (userId: string) => (await api("GET", `/users/${userId}/clients`)).body.clients as { id: string; status: string }[];

beforeAll(async () => {
  const app = env.sandbox.fixtures.apps[0]!;
  appId = app.id;
  api = appApi(env.sandbox.url, appId, app.appKeys[0]!);
  for (const [type, settings] of Object.entries(CHANNELS)) {
    integrationIds[type] = (await api("POST", "/integrations", { type, ...settings })).body.integration.id;
  }
  await api("POST", "/integrations", {
    type: "custom",
    webhooks: [{ target: `${env.receiver.url}${WEBHOOK_PATH}clients`, triggers: ["client:add", "client:update", "client:remove"] }],
  });
});

describe("channel links in the sandbox", () => {
  it.each([
    ["whatsapp", "+1 212-555-2368"],
    ["twilio", "+15145550101"],
    ["messagebird", "+44 (20) 7946-0958"],
    ["mailgun", "steveb@channel5.com"],
  ] as const)("links a %s client: pending with client:add, active with client:update once the channel answers", async (type, reach) => {
    const { userId, conversationId, client } = await link(type, reach);
    expect(client).toMatchObject({ type, status: "pending", integrationId: integrationIds[type], externalId: reach });
    await env.receiver.waitFor(() => clientEvents(client.id).length === 1);
    expect(clientEvents(client.id)[0]!.payload).toMatchObject({
      reason: "channelLinking",
      client: { status: "pending" },
      conversation: { id: conversationId },
    });

    await env.sandbox.control.advanceClock(1_000);
    expect(await clientsOf(userId)).toContainEqual(expect.objectContaining({ id: client.id, status: "pending" }));

    await env.sandbox.control.advanceClock(1_000);
    expect(await clientsOf(userId)).toContainEqual(expect.objectContaining({ id: client.id, status: "active" }));
    await env.receiver.waitFor(() => clientEvents(client.id).length === 2);
    expect(clientEvents(client.id)[1]).toMatchObject({
      type: "client:update",
      payload: { reason: "confirmed", client: { id: client.id, status: "active" }, conversation: { id: conversationId } },
    });
  });

  it("waits a minute of sandbox time for the end user when confirmation is userActivity or prompt", async () => {
    const { userId, client } = await link("whatsapp", "+15145550102", "prompt");
    await env.sandbox.control.advanceClock(59_000);
    expect((await clientsOf(userId)).find((c) => c.id === client.id)?.status).toBe("pending");
    await env.sandbox.control.advanceClock(1_000);
    expect((await clientsOf(userId)).find((c) => c.id === client.id)?.status).toBe("active");
  });

  it("fails the links a channel-link fault matches: the client is removed with client:remove linkFailed", async () => {
    await env.sandbox.control.failChannelLinks({ appId, type: "twilio", externalId: "+1 555 000*" }, 1);
    const { userId, conversationId, client } = await link("twilio", "+1 555 000 1234");
    expect(client.status).toBe("pending");

    await env.sandbox.control.advanceClock(2_000);
    expect((await clientsOf(userId)).map((c) => c.id)).not.toContain(client.id);
    await env.receiver.waitFor(() => clientEvents(client.id).length === 2);
    expect(clientEvents(client.id)[1]).toMatchObject({
      type: "client:remove",
      payload: {
        reason: "linkFailed",
        client: { id: client.id, status: "pending" },
        conversation: { id: conversationId },
        error: { code: "link_failed", message: "The twilio channel could not reach +1 555 000 1234" },
      },
    });

    // The fault was used up: the next link to a matching number goes through.
    const next = await link("twilio", "+1 555 000 9999");
    await env.sandbox.control.advanceClock(2_000);
    expect((await clientsOf(next.userId))[0]).toMatchObject({ id: next.client.id, status: "active" });
  });

  it("reports a link the end user declined as client:remove linkCancelled", async () => {
    await env.sandbox.control.failChannelLinks({ externalId: "*@declines.example.test" }, "always", "linkCancelled");
    const { client } = await link("mailgun", "nope@declines.example.test", "prompt");
    await env.sandbox.control.advanceClock(60_000);
    await env.receiver.waitFor(() => clientEvents(client.id).length === 2);
    expect(clientEvents(client.id)[1]!.payload).toMatchObject({ reason: "linkCancelled", error: { code: "link_cancelled" } });
    await env.sandbox.control.clearFaults();
  });

  it("keeps the conversation's primary client when the link asks not to be primary", async () => {
    const { userId, conversationId, client: first } = await link("whatsapp", "+15145550103");
    await env.sandbox.control.advanceClock(2_000);
    const second = await api("POST", `/users/${userId}/clients`, {
      matchCriteria: criteria("twilio", "+15145550104", { primary: false }),
      confirmation: { type: "immediate" },
      target: { conversationId },
    });
    await env.sandbox.control.advanceClock(2_000);
    const { participants } = await env.sandbox.control.conversation(conversationId);
    expect(participants[0]!.clientAssociations).toEqual([
      { type: "whatsapp", clientId: first.id },
      { type: "twilio", clientId: second.body.client.id },
    ]);
  });

  it("refuses criteria the spec does not allow, naming the field", async () => {
    const { userId, conversationId } = await userInConversation();
    const refuse = async (matchCriteria: Record<string, unknown>, field: string) => {
      const answer = await api("POST", `/users/${userId}/clients`, { matchCriteria, confirmation: { type: "immediate" }, target: { conversationId } });
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body.errors)).toContain(field);
    };
    await refuse(criteria("whatsapp", "212 555 2368"), "phoneNumber");
    await refuse({ type: "twilio", integrationId: integrationIds.twilio }, "phoneNumber");
    await refuse({ type: "mailgun", integrationId: integrationIds.mailgun, address: "not-an-email" }, "address");
    await refuse({ type: "messagebird", phoneNumber: "+15145550105" }, "integrationId");
    await refuse(criteria("whatsapp", "+15145550106", { primary: "yes" }), "primary");
    await refuse({ type: "telegram", integrationId: integrationIds.whatsapp, phoneNumber: "+15145550107" }, "type");
    expect(await clientsOf(userId)).toEqual([]);
  });
});
