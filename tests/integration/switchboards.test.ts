// The switchboard of a connected app, and control of its conversations, through the use-cases against the sandbox.
import { describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ForbiddenError, UpstreamError } from "@/lib/errors";
import {
  createCustomIntegration,
  controlConversation,
  createSwitchboard,
  createSwitchboardIntegration,
  deleteSwitchboard,
  deleteSwitchboardIntegration,
  getSwitchboard,
  updateSwitchboard,
  updateSwitchboardIntegration,
} from "../support/parsed-use-cases";
import { addMember, memberContext } from "../support/builders";
import { connectWithFixtureKey, connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";
import { WEBHOOK_PATH } from "../support/sandbox-server";

withTestDatabase();
const world = withTenantSandbox();

const sandboxState = () => world.sandbox.sandbox.snapshot();
const actionsOf = async (connectionId: string, prefix: string) =>
  (await db().auditEvent.findMany({ where: { connectionId, action: { startsWith: prefix } }, orderBy: { id: "asc" } })).map((event) => [
    event.action,
    event.result,
  ]);

/** A connected app with a bot (custom integration) and a two-step switchboard: bot first, then the agents. */
async function twoStepSwitchboard(ctx: MemberContext, connectionId: string) {
  const { integration: bot } = await createCustomIntegration(ctx, {
    connectionId,
    displayName: "Bot",
    target: `${world.receiver.url}${WEBHOOK_PATH}bot`,
    triggers: ["conversation:message"],
  });
  await createSwitchboard(ctx, { connectionId });
  const agents = await createSwitchboardIntegration(ctx, { connectionId, name: "agents", integration: "oauth:zd:agentWorkspace", deliverStandbyEvents: "on" });
  const first = await createSwitchboardIntegration(ctx, {
    connectionId,
    name: "bot",
    integration: `custom:${bot.id}`,
    nextSwitchboardIntegrationId: agents.id,
    messageHistoryCount: "5",
  });
  await updateSwitchboard(ctx, { connectionId, defaultSwitchboardIntegrationId: first.id });
  await updateSwitchboard(ctx, { connectionId, enabled: "true" });
  return { bot, first, agents };
}

async function keyConnected() {
  const { ctx } = await signedInOwner();
  const connection = await connectWithFixtureKey(ctx, world.sandbox, 1);
  return { ctx, connection, appId: world.sandbox.fixtures.apps[1]!.id };
}

describe("building a switchboard", () => {
  it("creates a two-step switchboard and enables it; the sandbox, the chain and the audit log agree", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const { bot, first, agents } = await twoStepSwitchboard(ctx, connection.id);

    const state = sandboxState();
    expect(state.switchboards).toEqual([expect.objectContaining({ appId, enabled: true, defaultSwitchboardIntegrationId: first.id })]);
    expect(state.switchboardIntegrations.find((member) => member.id === first.id)).toMatchObject({
      name: "bot",
      integrationId: bot.id,
      nextSwitchboardIntegrationId: agents.id,
      deliverStandbyEvents: false,
      messageHistoryCount: 5,
    });
    expect(state.switchboardIntegrations.find((member) => member.id === agents.id)).toMatchObject({
      integrationType: "zd:agentWorkspace",
      deliverStandbyEvents: true,
    });

    const overview = await getSwitchboard(ctx, { connectionId: connection.id });
    expect(overview.switchboard).toEqual({ id: state.switchboards[0]!.id, enabled: true, defaultSwitchboardIntegrationId: first.id });
    expect(overview.chain.map((step) => [step.step, step.name, step.nextName, step.isDefault])).toEqual([
      [1, "bot", "agents", true],
      [2, "agents", null, false],
    ]);
    expect(overview.chain.map((step) => step.undeletableBecause)).toEqual([expect.stringMatching(/default/), expect.stringMatching(/bot passes control to it/)]);
    expect(overview.customIntegrations.map((integration) => integration.displayName)).toEqual(["Sunbridge", "Bot"]);

    expect(await actionsOf(connection.id, "switchboard")).toEqual([
      ["switchboard.created", "success"],
      ["switchboard_integration.created", "success"],
      ["switchboard_integration.created", "success"],
      ["switchboard.updated", "success"],
      ["switchboard.updated", "success"],
    ]);
  });

  it("SunCo's refusals come back with its code and title, and change nothing", async () => {
    const { ctx, connection } = await keyConnected();
    await createSwitchboard(ctx, { connectionId: connection.id });
    const before = sandboxState();

    const second = await createSwitchboard(ctx, { connectionId: connection.id }).catch((error: unknown) => error);
    expect(second).toBeInstanceOf(UpstreamError);
    expect((second as UpstreamError).details).toEqual([{ code: "bad_request", title: "Only one switchboard can be created per app" }]);

    const enable = await updateSwitchboard(ctx, { connectionId: connection.id, enabled: "true" }).catch((error: unknown) => error);
    expect((enable as UpstreamError).details).toEqual([
      { code: "switchboard_integration_not_found", title: "Enabled switchboard must have an associated default switchboardIntegration" },
    ]);
    expect((enable as UpstreamError).message).toContain("Enabled switchboard must have an associated default switchboardIntegration");
    expect(sandboxState()).toEqual(before);
    expect(await actionsOf(connection.id, "switchboard.")).toEqual([
      ["switchboard.created", "success"],
      ["switchboard.created", "failure"],
      ["switchboard.updated", "failure"],
    ]);
  });

  it("edits a switchboard integration, clears its next, removes it, then the switchboard", async () => {
    const { ctx, connection } = await keyConnected();
    const { first, agents } = await twoStepSwitchboard(ctx, connection.id);
    const connectionId = connection.id;

    await expect(deleteSwitchboardIntegration(ctx, { connectionId, switchboardIntegrationId: agents.id })).rejects.toThrow(/another one names as next cannot be deleted/);
    await updateSwitchboardIntegration(ctx, {
      connectionId,
      switchboardIntegrationId: first.id,
      nextSwitchboardIntegrationId: "",
      deliverStandbyEvents: "on",
      messageHistoryCount: "",
    });
    expect(sandboxState().switchboardIntegrations.find((member) => member.id === first.id)).toMatchObject({
      nextSwitchboardIntegrationId: null,
      deliverStandbyEvents: true,
      messageHistoryCount: null,
    });
    await deleteSwitchboardIntegration(ctx, { connectionId, switchboardIntegrationId: agents.id });
    expect(sandboxState().switchboardIntegrations.map((member) => member.name)).toEqual(["bot"]);

    await deleteSwitchboard(ctx, { connectionId });
    expect(sandboxState().switchboards).toEqual([]);
    expect((await getSwitchboard(ctx, { connectionId })).switchboard).toBeNull();
    expect(await actionsOf(connectionId, "switchboard_integration.")).toEqual([
      ["switchboard_integration.created", "success"],
      ["switchboard_integration.created", "success"],
      ["switchboard_integration.deleted", "failure"],
      ["switchboard_integration.updated", "success"],
      ["switchboard_integration.deleted", "success"],
    ]);
  });

  it("an OAuth connection can't touch the switchboard", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    const before = sandboxState();
    await expect(createSwitchboard(ctx, { connectionId: connection.id })).rejects.toThrow(/An OAuth token can't manage the switchboard: SunCo accepts .*CreateSwitchboard/);
    await expect(
      createSwitchboardIntegration(ctx, { connectionId: connection.id, name: "agents", integration: "oauth:zd:agentWorkspace" }),
    ).rejects.toBeInstanceOf(ForbiddenError);
    expect(sandboxState()).toEqual(before);
  });
});

describe("control of a conversation", () => {
  it("passes, offers, accepts and releases control; the sandbox shows who controls it, the audit log who did it", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const { first, agents } = await twoStepSwitchboard(ctx, connection.id);
    const user = await world.sandbox.control.createEndUser(appId, { givenName: "Pat" });
    const conversation = await world.sandbox.control.openConversation(appId, user.id);
    const controlOf = async () => (await world.sandbox.control.conversation(conversation.id)).conversation;
    const base = { connectionId: connection.id, conversationId: conversation.id };

    await controlConversation(ctx, { ...base, action: "pass", to: "bot" });
    expect(await controlOf()).toMatchObject({ activeSwitchboardIntegration: { id: first.id, name: "bot" } });
    await controlConversation(ctx, { ...base, action: "offer", to: "next" });
    expect(await controlOf()).toMatchObject({ activeSwitchboardIntegration: { name: "bot" }, pendingSwitchboardIntegration: { id: agents.id } });
    await controlConversation(ctx, { ...base, action: "accept" });
    expect(await controlOf()).toMatchObject({ activeSwitchboardIntegration: { name: "agents" } });
    await controlConversation(ctx, { ...base, action: "release", metadata: { reason: "resolved" } });
    expect((await controlOf()).activeSwitchboardIntegration).toBeUndefined();

    const refused = await controlConversation(ctx, { ...base, action: "pass", to: "nobody" }).catch((error: unknown) => error);
    expect((refused as UpstreamError).details).toEqual([{ code: "bad_request", title: 'No switchboard integration matches "nobody"' }]);

    const events = await db().auditEvent.findMany({ where: { connectionId: connection.id, action: { startsWith: "conversation." } }, orderBy: { id: "asc" } });
    expect(events.map((event) => [event.action, event.result, event.target])).toEqual([
      ["conversation.control_passed", "success", `conversation ${conversation.id}`],
      ["conversation.control_offered", "success", `conversation ${conversation.id}`],
      ["conversation.control_accepted", "success", `conversation ${conversation.id}`],
      ["conversation.control_released", "success", `conversation ${conversation.id}`],
      ["conversation.control_passed", "failure", `conversation ${conversation.id}`],
    ]);
    expect(events[0]!.after).toMatchObject({ action: "pass", to: "bot" });
    expect(events[3]!.after).toMatchObject({ metadata: { reason: "resolved" } });
  });

  it("an agent may control a conversation through the use-case (the inbox), not through the settings page's action", async () => {
    const { ctx, organization, connection, appId } = await (async () => {
      const owner = await signedInOwner();
      const connected = await connectWithFixtureKey(owner.ctx, world.sandbox, 1);
      return { ...owner, connection: connected, appId: world.sandbox.fixtures.apps[1]!.id };
    })();
    await twoStepSwitchboard(ctx, connection.id);
    const user = await world.sandbox.control.createEndUser(appId);
    const conversation = await world.sandbox.control.openConversation(appId, user.id);
    const agent = await addMember(organization.id, "agent");
    const agentCtx = await memberContext(agent.id, organization.id);

    await controlConversation(agentCtx, { connectionId: connection.id, conversationId: conversation.id, action: "pass", to: "agents" });
    expect((await world.sandbox.control.conversation(conversation.id)).conversation).toMatchObject({ activeSwitchboardIntegration: { name: "agents" } });
    await expect(createSwitchboardIntegration(agentCtx, { connectionId: connection.id, name: "x", integration: "oauth:zd:agentWorkspace" })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
  });

  it("asks for a target when passing or offering", async () => {
    const { ctx, connection } = await keyConnected();
    await expect(controlConversation(ctx, { connectionId: connection.id, conversationId: "65f0000000000000000000ff", action: "pass" })).rejects.toMatchObject({
      fieldErrors: { to: ["Choose which switchboard integration gets control."] },
    });
  });
});
