// What each SunCo happening becomes at the partner's receiver, end to end against the sandbox: a message's statuses
// (sent by the outbox, delivered to the channel and the user, read by the end user, failed with SunCo's reason), an
// end user reopening a resolved conversation, a switchboard handoff (our own control and SunCo's), and a conversation's
// backfilled history, which sends nothing.
import { randomUUID } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONVERSATION_HISTORY_QUEUE } from "@/lib/conversations";
import { db } from "@/lib/db";
import { setConversationStatus } from "@/lib/inbox";
import { startWorkers, type QueueDefinition } from "@/lib/jobs";
import { OUTBOX_QUEUE, sendMessage } from "@/lib/outbox";
import { createEndpoint, EVENT_DELIVERY_QUEUE } from "@/lib/partner-events";
import { controlConversation } from "../support/parsed-use-cases";
import { withTestDatabase } from "../support/database";
import { watchConversation } from "../support/live-feed";
import { appAdminClient, eventually, switchboardWithAgentWorkspace, withSandboxTenant } from "../support/sandbox-tenant";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

withTestDatabase();
const tenant = withSandboxTenant();

interface Received {
  id: string;
  type: string;
  sequence: string;
  data: Record<string, unknown> & { conversationId?: string; messageId?: string; status?: string };
}

let partner: WebhookReceiver;
let secret: string;

beforeAll(async () => {
  await switchboardWithAgentWorkspace(tenant.sandbox);
  await startWorkers([EVENT_DELIVERY_QUEUE, OUTBOX_QUEUE, CONVERSATION_HISTORY_QUEUE] as QueueDefinition<object>[]);
  partner = await startWebhookReceiver();
  ({ secret } = await createEndpoint(tenant.owner, { url: `${partner.url}/events`, description: "everything", eventTypes: [] }));
});
afterAll(() => partner.stop());

/** Every event the receiver got, each verified as the partner would, in sequence order. */
function received(): Received[] {
  return partner
    .posts()
    .map((request) => {
      const headers = Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((name) => [name, String(request.headers[name])]));
      return new Webhook(secret).verify(JSON.stringify(request.body), headers) as Received;
    })
    .sort((a, b) => Number(BigInt(a.sequence) - BigInt(b.sequence)));
}

/** Waits (processing webhook events meanwhile) until the receiver has an event that `match` picks. */
async function receivedWhere(match: (event: Received) => boolean, timeoutMs = 30_000): Promise<Received> {
  return eventually(async () => received().find(match), timeoutMs);
}

const statusesOf = (messageId: string) =>
  received()
    .filter((event) => event.type === "message.status_changed" && event.data.messageId === messageId)
    .map((event) => [event.data.status, event.data.detail ?? null]);

describe("message.status_changed", () => {
  it("follows an agent's message: sent, delivered to the channel and to the user, then read once by the end user", async () => {
    const device = await watchConversation(tenant.sandbox.url, tenant.suncoConversationId);
    try {
      const sent = await sendMessage(tenant.owner, { conversationId: tenant.conversationId, clientMessageId: randomUUID(), text: "Your parcel is on its way.", actions: [] });
      await receivedWhere((event) => event.data.messageId === sent.id && event.data.detail === "user");
      await tenant.sandbox.control.markRead(tenant.suncoConversationId, tenant.endUser.id);
      await receivedWhere((event) => event.data.messageId === sent.id && event.data.status === "read");
      // Reading again, with nothing new from the business, reads nothing new.
      await tenant.sandbox.control.markRead(tenant.suncoConversationId, tenant.endUser.id);
      await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text: "Thanks!" });
      await receivedWhere((event) => event.type === "message.created" && (event.data.message as { text: string }).text === "Thanks!");
      // Statuses only move forward; delivered to the channel may be skipped when the user's receipt came with it.
      const statuses = statusesOf(sent.id);
      expect(statuses.filter(([, detail]) => detail !== "channel")).toEqual([
        ["sent", null],
        ["delivered", "user"],
        ["read", null],
      ]);
      const channel = statuses.findIndex(([, detail]) => detail === "channel");
      if (channel >= 0) expect(channel).toBe(1);
      const read = received().find((event) => event.data.status === "read")!;
      expect(read.data).toMatchObject({ conversationId: tenant.conversationId, messageId: sent.id, suncoMessageId: expect.any(String), reason: null });
    } finally {
      device.close();
    }
  }, 60_000);

  it("says why a message failed, as SunCo reported it", async () => {
    // A WhatsApp template: the end user's web channel cannot show it.
    const [posted] = await appAdminClient(tenant.sandbox).messages.send(tenant.suncoConversationId, {
      author: { type: "business" },
      content: { type: "template", template: { name: "hello_world", language: { code: "en_US" } } },
      schema: "whatsapp",
    } as never);
    const failed = await receivedWhere((event) => event.data.suncoMessageId === posted!.id && event.data.status === "failed");
    expect(failed.data).toMatchObject({ conversationId: tenant.conversationId, reason: "uncategorized_error: Unsupported message type 'template'" });
  }, 60_000);
});

describe("conversation.updated", () => {
  it("tells that the end user's message reopened a resolved conversation", async () => {
    await setConversationStatus(tenant.owner, tenant.conversationId, "resolved");
    await receivedWhere((event) => event.type === "conversation.updated" && (event.data.conversation as { status: string }).status === "resolved");
    await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text: "One more thing" });
    const reopened = await receivedWhere((event) => event.type === "conversation.updated" && (event.data.conversation as { status: string }).status === "open");
    expect(reopened.data).toEqual({ conversation: expect.objectContaining({ id: tenant.conversationId, status: "open" }), changed: ["status"] });
    const message = received().find((event) => event.type === "message.created" && (event.data.message as { text: string }).text === "One more thing")!;
    expect(BigInt(reopened.sequence)).toBeGreaterThan(BigInt(message.sequence));
    // A message on an open conversation changes no status.
    await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text: "Hello again" });
    await receivedWhere((event) => event.type === "message.created" && (event.data.message as { text: string }).text === "Hello again");
    expect(received().filter((event) => event.type === "conversation.updated" && BigInt(event.sequence) > BigInt(reopened.sequence))).toEqual([]);
  }, 60_000);
});

describe("conversation.handoff", () => {
  it("reaches the receiver when control passes to the Agent Workspace, is offered back and accepted", async () => {
    const handoffs = () => received().filter((event) => event.type === "conversation.handoff" && event.data.conversationId === tenant.conversationId);
    const control = (action: "pass" | "offer" | "accept", to?: string) =>
      controlConversation(tenant.owner, { connectionId: tenant.connectionId, conversationId: tenant.suncoConversationId, action, ...(to ? { to } : {}) });
    await control("pass", "agent-workspace");
    await eventually(async () => handoffs().length >= 1, 30_000);
    expect(handoffs()[0]!.data).toMatchObject({ activeSwitchboardIntegration: { name: "agent-workspace" }, pendingSwitchboardIntegration: null });

    await control("offer", "sunbridge");
    await eventually(async () => handoffs().length >= 2, 30_000);
    expect(handoffs()[1]!.data).toMatchObject({ activeSwitchboardIntegration: { name: "agent-workspace" }, pendingSwitchboardIntegration: { name: "sunbridge" } });

    await control("accept");
    await eventually(async () => handoffs().length >= 3, 30_000);
    expect(handoffs()[2]!.data).toMatchObject({ activeSwitchboardIntegration: { name: "sunbridge" }, pendingSwitchboardIntegration: null });
  }, 90_000);
});

describe("a conversation's backfilled history", () => {
  it("sends no message.created for messages from before Sunbridge heard of the conversation, only for the one that announced it", async () => {
    const { sandbox, appId } = tenant;
    const endUser = await sandbox.control.createEndUser(appId, { givenName: "Otto" });
    const { id: suncoConversationId } = await sandbox.control.openConversation(appId, endUser.id);
    await sandbox.control.fillConversation(suncoConversationId, 30);
    await sandbox.control.sendAsEndUser(suncoConversationId, endUser.id, { type: "text", text: "Still there?" });
    const conversation = await eventually(async () => {
      const row = await db().conversation.findUnique({ where: { connectionId_suncoConversationId: { connectionId: tenant.connectionId, suncoConversationId } } });
      return row?.historyFetchedAt ? row : null;
    }, 30_000);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(31);
    await receivedWhere((event) => event.type === "message.created" && event.data.conversationId === conversation.id);
    // Anything the history queued would be delivered by now: the test endpoint's delivery goes after it.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const created = received().filter((event) => event.type === "message.created" && event.data.conversationId === conversation.id);
    expect(created.map((event) => (event.data.message as { text: string }).text)).toEqual(["Still there?"]);
    expect(await db().partnerEvent.count({ where: { conversationId: conversation.id, type: "message.created" } })).toBe(1);
  }, 60_000);
});
