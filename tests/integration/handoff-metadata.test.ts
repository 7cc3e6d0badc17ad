// Handoff as Zendesk's marketplace reviews it: passing control to the Agent Workspace sends metadata.first_message_id
// (the conversation's first message, from the read model or, when it did not see the conversation begin, from
// SunCo's history) and the fields the admin configured on the connection; the sandbox's Agent Workspace then shows
// the agent the whole conversation.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { passControl } from "@/lib/inbox";
import { controlConversation, setHandoffFields } from "../support/parsed-use-cases";
import { withTestDatabase } from "../support/database";
import { appAdminClient, eventually, switchboardWithAgentWorkspace, withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
const tenant = withSandboxTenant();

type AgentView = { history: string; handoff: { metadata: Record<string, unknown> } | null; messages: { id: string }[] };
async function agentWorkspaceView(suncoConversationId: string): Promise<AgentView> {
  return (await fetch(`${tenant.sandbox.url}/_control/conversations/${suncoConversationId}/agent-workspace`)).json() as Promise<AgentView>;
}

/** Every message SunCo holds for the conversation, oldest first. */
async function suncoMessageIds(suncoConversationId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const message of appAdminClient(tenant.sandbox).messages.iterate(suncoConversationId)) ids.unshift(message.id);
  return ids;
}

// The tenant's switchboard, as Admin Center sets it up: Sunbridge's bot first, the Agent Workspace beside it.
beforeAll(() => switchboardWithAgentWorkspace(tenant.sandbox));

describe("handing a conversation to the Agent Workspace", () => {
  it("sends first_message_id of the conversation's first message and the connection's fields; the agent sees it all", async () => {
    const { sandbox, endUser, suncoConversationId } = tenant;
    for (const text of ["My order is late", "It was due Monday", "Order #1234"]) {
      await sandbox.control.sendAsEndUser(suncoConversationId, endUser.id, { type: "text", text });
    }
    const ids = await suncoMessageIds(suncoConversationId);
    expect(ids).toHaveLength(4);
    await eventually(async () => (await db().message.count({ where: { conversationId: tenant.conversationId } })) === 4);

    await setHandoffFields(tenant.owner, { connectionId: tenant.connectionId, fields: "priority=high\ndataCapture.ticketField.360001=VIP" });
    await passControl(tenant.owner, tenant.conversationId, "agent-workspace");

    const view = await agentWorkspaceView(suncoConversationId);
    expect(view.handoff!.metadata).toEqual({
      first_message_id: ids[0],
      priority: "high",
      "dataCapture.ticketField.360001": "VIP",
      passedBy: tenant.owner.actor.name,
    });
    expect(view.history).toBe("fromFirstMessage");
    expect(view.messages.map((m) => m.id)).toEqual(ids);
    const [audit] = await db().auditEvent.findMany({ where: { action: "conversation.control_passed", connectionId: tenant.connectionId } });
    expect(audit!.after).toMatchObject({ metadata: { first_message_id: ids[0], priority: "high" } });
  });

  it("asks SunCo for the first message when Sunbridge heard of the conversation after it began", async () => {
    const { sandbox, appId } = tenant;
    const endUser = await sandbox.control.createEndUser(appId, { givenName: "Otto" });
    const { id: suncoConversationId } = await sandbox.control.openConversation(appId, endUser.id);
    // 250 messages from before Sunbridge knew the conversation: three pages of SunCo's history.
    await sandbox.control.fillConversation(suncoConversationId, 250);
    await sandbox.control.sendAsEndUser(suncoConversationId, endUser.id, { type: "text", text: "Still there?" });
    const conversation = await eventually(() =>
      db().conversation.findUnique({ where: { connectionId_suncoConversationId: { connectionId: tenant.connectionId, suncoConversationId } } }),
    );
    await db().conversation.update({ where: { id: conversation.id }, data: { suncoCreatedAt: null } });
    const ids = await suncoMessageIds(suncoConversationId);

    await setHandoffFields(tenant.owner, { connectionId: tenant.connectionId, fields: "" });
    await controlConversation(tenant.owner, { connectionId: tenant.connectionId, conversationId: suncoConversationId, action: "pass", to: "agent-workspace" });

    const view = await agentWorkspaceView(suncoConversationId);
    expect(view.handoff!.metadata).toEqual({ first_message_id: ids[0] });
    expect(ids).toHaveLength(251);
    expect(view.messages.map((m) => m.id)).toEqual(ids);
  });

  it("keeps a first_message_id the caller names", async () => {
    const ids = await suncoMessageIds(tenant.suncoConversationId);
    await controlConversation(tenant.owner, {
      connectionId: tenant.connectionId,
      conversationId: tenant.suncoConversationId,
      action: "pass",
      to: "agent-workspace",
      metadata: { first_message_id: ids[2] },
    });
    expect((await agentWorkspaceView(tenant.suncoConversationId)).messages.map((m) => m.id)).toEqual(ids.slice(2));
  });
});
