// What the inbox asks of SunCo besides messages, against the sandbox: the agent's typing indicator and read receipt
// reach the end user's device, and switchboard control passes and is released within what the connection's
// credentials allow.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { ConflictError, NotFoundError } from "@/lib/errors";
import {
  acceptControl,
  getConversationDetails,
  listHandoffTargets,
  markConversationRead,
  offerControl,
  passControl,
  releaseControl,
  sendReadReceipt,
  signalTyping,
} from "@/lib/inbox";
import { createOrganization, memberContext } from "../support/builders";
import { connectWithApiKey } from "../support/parsed-use-cases";
import { withTestDatabase } from "../support/database";
import { watchConversation } from "../support/live-feed";
import { appAdminClient, eventually, switchboardWithAgentWorkspace, withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
const tenant = withSandboxTenant();

beforeAll(() => switchboardWithAgentWorkspace(tenant.sandbox));

const pendingOf = async () => (await db().conversation.findUniqueOrThrow({ where: { id: tenant.conversationId } })).pendingSwitchboardIntegration as { name?: string } | null;
const activeOf = async () => (await db().conversation.findUniqueOrThrow({ where: { id: tenant.conversationId } })).activeSwitchboardIntegration as { name?: string } | null;

describe("typing and reading", () => {
  it("shows the end user that the agent is typing, and then that they stopped", async () => {
    const feed = await watchConversation(tenant.sandbox.url, tenant.suncoConversationId);
    try {
      await signalTyping(tenant.owner, tenant.conversationId, true);
      expect(await feed.waitFor("typing")).toMatchObject({ author: "business", typing: true });
      await signalTyping(tenant.owner, tenant.conversationId, false);
      await vi.waitFor(() => expect(feed.events.filter((e) => e.event === "typing").at(-1)?.data).toMatchObject({ typing: false }));
    } finally {
      feed.close();
    }
  });

  it("tells SunCo the business read the conversation", async () => {
    expect((await markConversationRead(tenant.owner, tenant.conversationId)).changed).toBe(true);
    // The job the read queued, run here.
    await sendReadReceipt(tenant.conversationId);
    const { conversation } = await tenant.sandbox.control.conversation(tenant.suncoConversationId);
    expect(conversation.businessLastRead).toEqual(expect.any(String));
  });
});

describe("switchboard handoff", () => {
  it("passes control to another integration and back, and releases it only while Sunbridge holds it", async () => {
    await passControl(tenant.owner, tenant.conversationId, "agent-workspace");
    await eventually(async () => (await activeOf())?.name === "agent-workspace");
    let { handoff } = await getConversationDetails(tenant.owner, tenant.conversationId);
    expect(handoff).toMatchObject({ active: { name: "agent-workspace", integrationType: "zd:agentWorkspace" }, inControl: false, pass: { allowed: true } });
    expect(handoff.release).toEqual({ allowed: false, reason: expect.stringMatching(/only while it holds it; agent-workspace does/) });
    await expect(releaseControl(tenant.owner, tenant.conversationId)).rejects.toBeInstanceOf(ConflictError);

    await passControl(tenant.owner, tenant.conversationId, "sunbridge");
    await eventually(async () => (await activeOf())?.name === "sunbridge");
    ({ handoff } = await getConversationDetails(tenant.owner, tenant.conversationId));
    expect(handoff).toMatchObject({ inControl: true, release: { allowed: true } });
    await releaseControl(tenant.owner, tenant.conversationId);
    await eventually(async () => (await activeOf()) === null);

    // Each change is in the audit log under the Switchboard tab's actions; a refused one is not a change.
    const audit = await db().auditEvent.findMany({ where: { target: `conversation ${tenant.suncoConversationId}` }, orderBy: { createdAt: "asc" } });
    expect(audit.map((event) => [event.action, event.error])).toEqual([
      ["conversation.control_passed", null],
      ["conversation.control_passed", null],
      ["conversation.control_released", null],
    ]);
  });

  it("offers control and accepts an offer, accepting only what is offered to Sunbridge itself", async () => {
    const audited = { where: { target: `conversation ${tenant.suncoConversationId}`, createdAt: { gte: new Date() } }, orderBy: { createdAt: "asc" as const } };
    await passControl(tenant.owner, tenant.conversationId, "sunbridge");
    await eventually(async () => (await activeOf())?.name === "sunbridge");

    // Offered to the Agent Workspace: an OAuth connection may not accept for it, and SunCo is not asked.
    await offerControl(tenant.owner, tenant.conversationId, "agent-workspace");
    await eventually(async () => (await pendingOf())?.name === "agent-workspace");
    let { handoff } = await getConversationDetails(tenant.owner, tenant.conversationId);
    expect(handoff).toMatchObject({ active: { name: "sunbridge" }, pending: { name: "agent-workspace" }, offer: { allowed: true } });
    expect(handoff.accept).toEqual({ allowed: false, reason: expect.stringMatching(/accept only an offer made to it; agent-workspace was offered control/) });
    await expect(acceptControl(tenant.owner, tenant.conversationId)).rejects.toBeInstanceOf(ConflictError);

    // Offered to Sunbridge by the integration in control: Sunbridge accepts it.
    await passControl(tenant.owner, tenant.conversationId, "agent-workspace");
    await eventually(async () => (await activeOf())?.name === "agent-workspace" && (await pendingOf()) === null);
    await offerControl(tenant.owner, tenant.conversationId, "sunbridge");
    await eventually(async () => (await pendingOf())?.name === "sunbridge");
    ({ handoff } = await getConversationDetails(tenant.owner, tenant.conversationId));
    expect(handoff.accept).toEqual({ allowed: true });
    await acceptControl(tenant.owner, tenant.conversationId);
    await eventually(async () => (await activeOf())?.name === "sunbridge" && (await pendingOf()) === null);

    // Recorded as the Switchboard tab records them, with who did it; the refused accept is not a change.
    const audit = await db().auditEvent.findMany(audited);
    expect(audit.map((event) => [event.action, event.error])).toEqual([
      ["conversation.control_passed", null],
      ["conversation.control_offered", null],
      ["conversation.control_passed", null],
      ["conversation.control_offered", null],
      ["conversation.control_accepted", null],
    ]);
    // An offer tells the integration offered control where the conversation began, as a pass does.
    expect(audit[3]!.after).toEqual({
      action: "offer",
      to: "sunbridge",
      metadata: { offeredBy: tenant.owner.actor.name, first_message_id: expect.stringMatching(/^[0-9a-f]{24}$/) },
    });
    expect(audit[4]!.after).toEqual({ action: "accept", metadata: { acceptedBy: tenant.owner.actor.name } });
    await releaseControl(tenant.owner, tenant.conversationId);
    await eventually(async () => (await activeOf()) === null);
  });

  it("says what SunCo answered when the target does not exist", async () => {
    const error = await passControl(tenant.owner, tenant.conversationId, "nobody").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toMatch(/^SunCo refused to pass control: .*nobody/);
  });

  it("lists the switchboard for app-key connections only", async () => {
    await expect(listHandoffTargets(tenant.owner, tenant.conversationId)).rejects.toThrow(/OAuth connections/);

    const globex = tenant.sandbox.fixtures.apps[1]!;
    const key = globex.appKeys[0]!;
    const { connection } = await connectWithApiKey(tenant.owner, { appId: globex.id, keyId: key.id, secret: key.secret, scheme: "basic", location: "us" });
    const admin = appAdminClient(tenant.sandbox, 1);
    const switchboard = await admin.switchboards.create();
    await admin.switchboardIntegrations.create(switchboard.id, { name: "partner", integrationId: connection.integrationId! });
    await admin.switchboardIntegrations.create(switchboard.id, { name: "agent-workspace", integrationType: "zd:agentWorkspace" });
    const user = await tenant.sandbox.control.createEndUser(globex.id, { givenName: "Gil" });
    const suncoConversationId = (await tenant.sandbox.control.openConversation(globex.id, user.id)).id;
    await tenant.sandbox.control.sendAsEndUser(suncoConversationId, user.id, { type: "text", text: "Hi Globex" });
    const conversation = await eventually(() =>
      db().conversation.findUnique({ where: { connectionId_suncoConversationId: { connectionId: connection.id, suncoConversationId } } }),
    );
    expect((await listHandoffTargets(tenant.owner, conversation.id)).map((target) => target.name).sort()).toEqual(["agent-workspace", "partner"]);
  });

  it("does nothing for another organization", async () => {
    const other = await createOrganization();
    const outsider = await memberContext(other.owner.id, other.organization.id);
    await expect(passControl(outsider, tenant.conversationId, "agent-workspace")).rejects.toBeInstanceOf(NotFoundError);
    await expect(releaseControl(outsider, tenant.conversationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listHandoffTargets(outsider, tenant.conversationId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(signalTyping(outsider, tenant.conversationId, true)).rejects.toBeInstanceOf(NotFoundError);
  });
});
