// Every server action of a connection's settings, called by an agent of the organization and by an admin of
// another one: refused, and nothing changes in the sandbox or the database. The same forms then work for the owner,
// so the refusals were about who asked, not about what was sent.
import { expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/action";
import { db } from "@/lib/db";
import * as appActions from "@/app/(app)/connections/[connectionId]/app/actions";
import * as connectionActions from "@/app/(app)/connections/actions";
import * as keyActions from "@/app/(app)/connections/[connectionId]/integrations/[integrationId]/actions";
import * as integrationActions from "@/app/(app)/connections/[connectionId]/integrations/actions";
import * as switchboardActions from "@/app/(app)/connections/[connectionId]/switchboard/actions";
import * as webhookActions from "@/app/(app)/connections/[connectionId]/webhooks/actions";
import { actAs, addMember, formData } from "../support/builders";
import { createCustomIntegration, createSwitchboard, createSwitchboardIntegration, updateSwitchboard } from "../support/parsed-use-cases";
import { connectWithFixtureKey, connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";
import { WEBHOOK_PATH } from "../support/sandbox-server";

withTestDatabase();
const world = withTenantSandbox();

type FormAction = (state: unknown, form: FormData) => Promise<ActionResult<unknown>>;

/** The tenant setup every action below acts on, built by its owner. */
async function tenantWithEverything() {
  const owner = await signedInOwner();
  const { ctx } = owner;
  const connection = await connectWithFixtureKey(ctx, world.sandbox, 1);
  const connectionId = connection.id;
  const appId = world.sandbox.fixtures.apps[1]!.id;
  const target = (name: string) => `${world.receiver.url}${WEBHOOK_PATH}${name}`;
  const bot = await createCustomIntegration(ctx, { connectionId, displayName: "Bot", target: target("bot"), triggers: ["conversation:message"], keyName: "Bot key" });
  await createSwitchboard(ctx, { connectionId });
  const agents = await createSwitchboardIntegration(ctx, { connectionId, name: "agents", integration: "oauth:zd:agentWorkspace" });
  const first = await createSwitchboardIntegration(ctx, { connectionId, name: "bot", integration: `custom:${bot.integration.id}`, nextSwitchboardIntegrationId: agents.id });
  const spare = await createSwitchboardIntegration(ctx, { connectionId, name: "spare", integration: `custom:${bot.integration.id}` });
  await updateSwitchboard(ctx, { connectionId, defaultSwitchboardIntegrationId: first.id });
  const user = await world.sandbox.control.createEndUser(appId);
  const conversation = await world.sandbox.control.openConversation(appId, user.id);
  const webhook = { integrationId: bot.integration.id, webhookId: bot.webhook!.id };

  // In an order the owner can run them one after another at the end.
  const calls: [string, FormAction, Record<string, string | string[]>][] = [
    ["update app settings", appActions.updateAppSettingsAction, { displayName: "Renamed", multiConvoEnabled: "on" }],
    ["label connection", connectionActions.labelConnectionAction, { externalId: "tenant-7", displayName: "Acme" }],
    ["create webhook", webhookActions.createWebhookAction, { integrationId: bot.integration.id, target: target("second"), triggers: ["conversation:read"] }],
    ["update webhook", webhookActions.updateWebhookAction, { ...webhook, triggers: ["conversation:create"] }],
    ["rename integration", integrationActions.renameIntegrationAction, { integrationId: bot.integration.id, displayName: "Renamed bot" }],
    ["create key", keyActions.createIntegrationKeyAction, { integrationId: bot.integration.id, displayName: "Another key" }],
    ["control conversation", switchboardActions.controlConversationAction, { conversationId: conversation.id, action: "pass", to: "agents" }],
    ["update handoff fields", switchboardActions.updateHandoffFieldsAction, { fields: "priority=high" }],
    ["update switchboard integration", switchboardActions.updateSwitchboardIntegrationAction, { switchboardIntegrationId: first.id, deliverStandbyEvents: "on" }],
    ["update switchboard", switchboardActions.updateSwitchboardAction, { enabled: "true" }],
    ["create switchboard integration", switchboardActions.createSwitchboardIntegrationAction, { name: "extra", integration: `custom:${bot.integration.id}` }],
    ["delete switchboard integration", switchboardActions.deleteSwitchboardIntegrationAction, { switchboardIntegrationId: spare.id }],
    ["delete key", keyActions.deleteIntegrationKeyAction, { integrationId: bot.integration.id, keyId: bot.key!.id }],
    ["delete webhook", webhookActions.deleteWebhookAction, webhook],
    ["create custom integration", integrationActions.createCustomIntegrationAction, { displayName: "Other bot", target: target("other"), triggers: ["conversation:message"] }],
    ["delete switchboard", switchboardActions.deleteSwitchboardAction, {}],
    ["delete integration", integrationActions.deleteIntegrationAction, { integrationId: bot.integration.id }],
    ["create switchboard", switchboardActions.createSwitchboardAction, {}],
  ];
  return { ...owner, connectionId, calls };
}

async function databaseState() {
  const [connections, audit] = await Promise.all([db().connection.findMany({ orderBy: { id: "asc" } }), db().auditEvent.count()]);
  return { connections, audit };
}

it("an agent and another organization's admin are refused by every action, and nothing changes", async () => {
  const { organization, owner, connectionId, calls } = await tenantWithEverything();
  const agent = await addMember(organization.id, "agent");
  const outsider = await signedInOwner();
  await connectWithFixtureOAuth(outsider.ctx, world.sandbox, 0);
  const outsiderAdmin = await addMember(outsider.organization.id, "admin");

  const sandboxBefore = world.sandbox.sandbox.snapshot();
  const databaseBefore = await databaseState();
  for (const [who, userId, orgId, expected] of [
    ["agent", agent.id, organization.id, /needs the admin role or higher; you are an agent/],
    ["outsider", outsiderAdmin.id, outsider.organization.id, /not in this organization/],
  ] as const) {
    await actAs(userId, orgId);
    for (const [name, action, fields] of calls) {
      const result = await action(null, formData({ connectionId, ...fields }));
      expect(result, `${who}: ${name}`).toMatchObject({ ok: false, error: expect.stringMatching(expected) });
    }
  }
  expect(world.sandbox.sandbox.snapshot()).toEqual(sandboxBefore);
  expect(await databaseState()).toEqual(databaseBefore);

  await actAs(owner.id, organization.id);
  for (const [name, action, fields] of calls) {
    expect(await action(null, formData({ connectionId, ...fields })), `owner: ${name}`).toMatchObject({ ok: true });
  }
  // 17 actions, three times over, each a few SunCo calls: more than the default timeout on a busy machine.
}, 120_000);

it("an admin of the organization may use them (not only its owner)", async () => {
  const { organization, connectionId } = await tenantWithEverything();
  const admin = await addMember(organization.id, "admin");
  await actAs(admin.id, organization.id);
  const result = await integrationActions.renameIntegrationAction(
    null,
    formData({ connectionId, integrationId: world.sandbox.sandbox.snapshot().integrations.find((each) => each.displayName === "Bot")!.id, displayName: "By admin" }),
  );
  expect(result).toEqual({ ok: true, data: undefined, message: "Integration renamed." });
  const [event] = await db().auditEvent.findMany({ where: { action: "integration.renamed", connectionId } });
  expect(event).toMatchObject({ actorId: admin.id, result: "success", organizationId: organization.id });
});
