// The Agent Workspace's view of a handoff: with metadata.first_message_id it shows the agent the conversation from
// that message on; without it (or with an id from elsewhere), only the last 10 messages before the handoff.
import { beforeAll, describe, expect, it } from "vitest";
import { appApi, withSandbox } from "@/tests/support/sandbox-server";

const env = withSandbox();
let api: ReturnType<typeof appApi>;
let appId: string;

type View = { history: string; handoff: { metadata: Record<string, unknown> } | null; messages: { id: string; content: { text?: string } }[] };
const view = async (conversationId: string) => {
  const response = await fetch(`${env.sandbox.url}/_control/conversations/${conversationId}/agent-workspace`);
  return (await response.json()) as View;
};

/** A conversation with 15 end-user messages, and the ids of those messages. */
async function conversationWithHistory() {
  const user = await env.sandbox.control.createEndUser(appId, { givenName: "Ada" });
  const { id } = await env.sandbox.control.openConversation(appId, user.id);
  for (let n = 1; n <= 15; n++) await env.sandbox.control.sendAsEndUser(id, user.id, { type: "text", text: `Message ${n}` });
  const messages = (await api("GET", `/conversations/${id}/messages`)).body.messages as { id: string }[];
  return { conversationId: id, userId: user.id, messageIds: messages.map((m) => m.id) };
}

const passToAgents = (conversationId: string, metadata?: Record<string, unknown>) =>
  api("POST", `/conversations/${conversationId}/passControl`, { switchboardIntegration: "agents", ...(metadata ? { metadata } : {}) });

beforeAll(async () => {
  const app = env.sandbox.fixtures.apps[0]!;
  appId = app.id;
  api = appApi(env.sandbox.url, appId, app.appKeys[0]!);
  const switchboard = (await api("POST", "/switchboards")).body.switchboard;
  await api("POST", `/switchboards/${switchboard.id}/switchboardIntegrations`, {
    name: "agents",
    integrationType: "zd:agentWorkspace",
    deliverStandbyEvents: false,
  });
});

describe("the Agent Workspace in the sandbox", () => {
  it("shows the agent every message from first_message_id on, and the ones after the handoff", async () => {
    const { conversationId, userId, messageIds } = await conversationWithHistory();
    expect(await view(conversationId)).toMatchObject({ history: "none", handoff: null, messages: [] });

    const passed = await passToAgents(conversationId, { first_message_id: messageIds[0], priority: "high" });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    await env.sandbox.control.sendAsEndUser(conversationId, userId, { type: "text", text: "Are you there?" });

    const seen = await view(conversationId);
    expect(seen.history).toBe("fromFirstMessage");
    expect(seen.handoff!.metadata).toEqual({ first_message_id: messageIds[0], priority: "high" });
    expect(seen.messages.map((m) => m.content.text)).toEqual([...Array.from({ length: 15 }, (_, i) => `Message ${i + 1}`), "Are you there?"]);
  });

  it("starts at the named message when it is not the first", async () => {
    const { conversationId, messageIds } = await conversationWithHistory();
    await passToAgents(conversationId, { first_message_id: messageIds[4] });
    expect((await view(conversationId)).messages.map((m) => m.id)).toEqual(messageIds.slice(4));
  });

  it("shows only the last 10 messages without first_message_id, or with one from another conversation", async () => {
    const { conversationId, messageIds } = await conversationWithHistory();
    await passToAgents(conversationId);
    expect(await view(conversationId)).toMatchObject({ history: "recent" });
    expect((await view(conversationId)).messages.map((m) => m.id)).toEqual(messageIds.slice(-10));

    const other = await conversationWithHistory();
    await passToAgents(other.conversationId, { first_message_id: messageIds[0] });
    expect((await view(other.conversationId)).messages.map((m) => m.id)).toEqual(other.messageIds.slice(-10));
  });

  it("notes a handoff only when the Agent Workspace gets control", async () => {
    const { conversationId } = await conversationWithHistory();
    const switchboard = (await api("GET", "/switchboards")).body.switchboards[0];
    const bot = await api("POST", `/switchboards/${switchboard.id}/switchboardIntegrations`, {
      name: "bot",
      integrationId: env.sandbox.fixtures.apps[0]!.integrations[0]!.id,
      deliverStandbyEvents: false,
    });
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    const passed = await api("POST", `/conversations/${conversationId}/passControl`, { switchboardIntegration: "bot", metadata: { first_message_id: "x" } });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    expect((await view(conversationId)).history).toBe("none");
  });
});
