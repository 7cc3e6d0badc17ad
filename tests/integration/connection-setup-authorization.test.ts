// Every server action of a connection's settings, called by an agent of the organization and by an admin of
// another one: refused, and nothing changes in the sandbox or the database. The same forms then work for the owner,
// so the refusals were about who asked, not about what was sent.
import { describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/action";
import { db } from "@/lib/db";
import * as appActions from "@/app/(app)/connections/[connectionId]/app/actions";
import * as connectionActions from "@/app/(app)/connections/actions";
import * as connectLinkSettings from "@/app/(app)/settings/connect-links/actions";
import * as installActions from "@/app/install/actions";
import * as connectPageActions from "@/app/connect/[token]/actions";
import { createConnectLink, createConnectLinkSchema, INSTALL_COOKIE, receiveInstallation, setConnectLogo } from "@/lib/connections";
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
    ["add Sunbridge to the switchboard", connectionActions.addToSwitchboardAction, {}],
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

// Connect links, their settings and installs begun in Zendesk: the admin-only actions refused to no session, to an agent
// and to another organization's admin (who reaches only their own organization's), with nothing of the victim's changed;
// then the rightful owner's call succeeds. The connect page's actions are public by design: they need the link's token.

const jar = new Map<string, string>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-sunbridge-client-address": "127.0.0.1" }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

describe("connect links and installs", () => {
  const victimRows = (organizationId: string) =>
    Promise.all([
      db().connectLink.findMany({ where: { organizationId }, orderBy: { id: "asc" } }),
      db().organization.findUniqueOrThrow({ where: { id: organizationId }, select: { connectReturnOrigins: true } }),
      db().connection.findMany({ where: { organizationId } }),
      db().unclaimedInstallation.findMany({ orderBy: { id: "asc" } }),
      db().connectLogo.findMany({ where: { organizationId } }),
    ]);

  it("refuses no session, an agent and another organization's admin; then the owner may", async () => {
    const { organization, owner, ctx } = await signedInOwner();
    const { link } = await createConnectLink(ctx, createConnectLinkSchema.parse({ externalId: "victim-customer" }));
    const agent = await addMember(organization.id, "agent");
    const outsider = await signedInOwner();
    const outsiderAdmin = await addMember(outsider.organization.id, "admin");
    const install = await answerInstall(world.sandbox.url, world.sandbox.fixtures.oauthClients[0]!.clientId, world.sandbox.fixtures.apps[0]!.id);
    jar.set(INSTALL_COOKIE, (await receiveInstallation(install)).browserId);

    const rows: [string, () => Promise<ActionResult<unknown>>][] = [
      ["create connect link", () => connectionActions.createConnectLinkAction(null, formData({ externalId: "x", methods: ["oauth"] }))],
      ["revoke connect link", () => connectionActions.revokeConnectLinkAction(link.id)],
      ["set return origins", () => connectLinkSettings.setReturnOriginsAction(null, formData({ origins: "https://attacker.example.test" }))],
      ["claim installation", () => installActions.claimInstallationAction(null, formData({ organizationId: organization.id }))],
      ["set connect logo", () => connectLinkSettings.setConnectLogoAction(null, logoForm())],
      ["remove connect logo", () => connectLinkSettings.removeConnectLogoAction()],
    ];
    await setConnectLogo(ctx, { logo: logoForm().get("logo") as File });
    const before = await victimRows(organization.id);
    for (const [who, userId, orgId, expected] of [
      ["nobody", null, undefined, /Sign in to continue/],
      ["agent", agent.id, organization.id, /needs the admin role or higher; you are an agent/],
    ] as const) {
      await actAs(userId, orgId);
      for (const [name, call] of rows) expect(await call(), `${who}: ${name}`).toMatchObject({ ok: false, error: expect.stringMatching(expected) });
    }
    await actAs(outsiderAdmin.id, outsider.organization.id);
    expect(await rows[1]![1](), "outsider: revoke").toMatchObject({ ok: false, error: "That connect link is not in this organization." });
    expect(await rows[3]![1](), "outsider: claim").toMatchObject({ ok: false, error: "You are not a member of this organization." });
    // Creating, setting origins and the logo act on the outsider's own organization, never the victim's.
    for (const index of [0, 2, 4, 5]) expect(await rows[index]![1](), rows[index]![0]).toMatchObject({ ok: true });
    expect(await victimRows(organization.id)).toEqual(before);

    await actAs(owner.id, organization.id);
    for (const [name, call] of rows) expect(await redirectAsSuccess(call), `owner: ${name}`).toMatchObject({ ok: true });
    expect(await db().connection.findMany({ where: { organizationId: organization.id } })).toMatchObject([{ appId: world.sandbox.fixtures.apps[0]!.id }]);
  }, 60_000);

  it("the connect page's actions work without a session, with the link's token, and only with it", async () => {
    const { ctx, organization } = await signedInOwner();
    const { token } = await createConnectLink(ctx, createConnectLinkSchema.parse({ externalId: "public-customer" }));
    await actAs(null);
    const app = world.sandbox.fixtures.apps[1]!;
    const key = { appId: app.id, keyId: app.appKeys[0]!.id, secret: app.appKeys[0]!.secret, scheme: "basic", location: "subdomain", subdomain: app.subdomain };
    expect(await connectPageActions.connectLinkApiKeyAction("scl_forged", null, formData(key))).toMatchObject({ ok: false, error: "This link is not valid." });
    expect(await connectPageActions.startLinkOAuthAction("scl_forged", null, formData({}))).toMatchObject({ ok: false, error: "This link is not valid." });
    await expect(connectPageActions.connectLinkApiKeyAction(token, null, formData(key))).rejects.toThrow("NEXT_REDIRECT");
    expect(await db().connection.findMany({ where: { organizationId: organization.id } })).toMatchObject([{ appId: app.id, externalId: "public-customer" }]);
  });
});

/** A form with a PNG's first bytes in its logo field. */
function logoForm() {
  const form = new FormData();
  form.set("logo", new File([Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])], "logo.png", { type: "image/png" }));
  return form;
}

/** An action whose success redirects (the claim goes to the Connections page) throws NEXT_REDIRECT: a success here. */
async function redirectAsSuccess(call: () => Promise<ActionResult<unknown>>) {
  try {
    return await call();
  } catch (error) {
    if (error instanceof Error && error.message === "NEXT_REDIRECT") return { ok: true };
    throw error;
  }
}

async function answerInstall(sandboxUrl: string, clientId: string, appId: string) {
  const answer = await fetch(`${sandboxUrl}/oauth/install`, { method: "POST", body: new URLSearchParams({ client_id: clientId, app_id: appId }), redirect: "manual" });
  return new URL(answer.headers.get("location")!).searchParams.get("code")!;
}
