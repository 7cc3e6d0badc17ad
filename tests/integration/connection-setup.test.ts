// Managing a connected app's webhooks, integrations, keys and settings through the use-cases, against the sandbox.
import { describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, UpstreamError } from "@/lib/errors";
import {
  createCustomIntegration,
  createIntegrationKey,
  createWebhook,
  deleteIntegration,
  deleteIntegrationKey,
  deleteWebhook,
  getAppDetails,
  listIntegrationKeys,
  listIntegrations,
  listWebhooks,
  renameIntegration,
  updateAppSettings,
  updateWebhook,
  createSwitchboard,
  getSwitchboard,
} from "../support/parsed-use-cases";
import { formData } from "../support/builders";
import { connectWithFixtureKey, connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";
import { WEBHOOK_PATH } from "../support/sandbox-server";

withTestDatabase();
const world = withTenantSandbox();

const botTarget = (name = "bot") => `${world.receiver.url}${WEBHOOK_PATH}${name}`;
const apps = () => world.sandbox.fixtures.apps;
const sandboxState = () => world.sandbox.sandbox.snapshot();
/** Rows as text, to look for a secret anywhere in them (audit ids are bigints). */
const asText = (rows: unknown) => JSON.stringify(rows, (_, value) => (typeof value === "bigint" ? String(value) : value));
const auditOf = (connectionId: string) => db().auditEvent.findMany({ where: { connectionId }, orderBy: { id: "asc" } });

async function keyConnected() {
  const { ctx } = await signedInOwner();
  const connection = await connectWithFixtureKey(ctx, world.sandbox, 1);
  return { ctx, connection, appId: apps()[1]!.id };
}

async function customIntegration(ctx: MemberContext, connectionId: string, extra: Record<string, unknown> = {}) {
  return createCustomIntegration(ctx, {
    connectionId,
    displayName: "Support bot",
    target: botTarget(),
    triggers: ["conversation:message", "conversation:postback"],
    includeFullUser: "on",
    ...extra,
  });
}

describe("webhooks", () => {
  it("an API-key connection sees every custom integration's webhooks, its own marked as Sunbridge's", async () => {
    const { ctx, connection } = await keyConnected();
    const { integration } = await customIntegration(ctx, connection.id);
    const { groups, count } = await listWebhooks(ctx, { connectionId: connection.id });
    expect(count).toBe(2);
    const own = groups.find((group) => group.integrationId === connection.integrationId)!;
    expect(own.webhooks).toEqual([expect.objectContaining({ id: connection.webhookId, managedBySunbridge: true })]);
    const bot = groups.find((group) => group.integrationId === integration.id)!;
    expect(bot).toMatchObject({ integrationName: "Support bot", webhooks: [{ target: botTarget(), managedBySunbridge: false }] });
    expect(JSON.stringify(groups)).not.toMatch(/secret/i);
  });

  it("creates, edits and deletes a webhook: each change is in the sandbox and in the audit log", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const { integration } = await customIntegration(ctx, connection.id);

    const created = await createWebhook(ctx, {
      connectionId: connection.id,
      integrationId: integration.id,
      target: botTarget("second"),
      triggers: ["conversation:create"],
    });
    const inSandbox = () => world.sandbox.control.webhooks(appId).then((all) => all.find((webhook) => webhook.id === created.webhook.id));
    expect(await inSandbox()).toMatchObject({ integrationId: integration.id, target: botTarget("second"), triggers: ["conversation:create"] });
    expect(created.secret).toBe((await inSandbox())!.secret);

    await updateWebhook(ctx, {
      connectionId: connection.id,
      integrationId: integration.id,
      webhookId: created.webhook.id,
      triggers: ["conversation:create", "conversation:read"],
      includeFullUser: "on",
      includeFullSource: "on",
    });
    expect(await inSandbox()).toMatchObject({ triggers: ["conversation:create", "conversation:read"], includeFullUser: true, includeFullSource: true });

    await deleteWebhook(ctx, { connectionId: connection.id, integrationId: integration.id, webhookId: created.webhook.id });
    expect(await inSandbox()).toBeUndefined();

    const audit = await auditOf(connection.id);
    const changes = audit.filter((event) => event.action.startsWith("webhook."));
    expect(changes.map((event) => [event.action, event.result])).toEqual([
      ["webhook.created", "success"],
      ["webhook.updated", "success"],
      ["webhook.deleted", "success"],
    ]);
    expect(changes[1]!.before).toMatchObject({ triggers: ["conversation:create"], includeFullUser: false });
    expect(changes[1]!.after).toMatchObject({ triggers: ["conversation:create", "conversation:read"], includeFullSource: true });
    expect(changes[0]!.actorLabel).toContain(ctx.actor.email);
    expect(asText(audit)).not.toContain(created.secret!);
  });

  it("keeps Sunbridge's own webhook as it is, and records the refusals", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const before = sandboxState();
    const own = { connectionId: connection.id, integrationId: connection.integrationId!, webhookId: connection.webhookId! };
    await expect(updateWebhook(ctx, { ...own, triggers: ["conversation:message"] })).rejects.toBeInstanceOf(ConflictError);
    await expect(deleteWebhook(ctx, own)).rejects.toThrow(/Sunbridge receives this app's events/);
    expect(sandboxState()).toEqual(before);
    expect(await world.sandbox.control.webhooks(appId)).toHaveLength(1);
    const refusals = (await auditOf(connection.id)).filter((event) => event.action.startsWith("webhook."));
    expect(refusals.map((event) => [event.action, event.result])).toEqual([
      ["webhook.updated", "failure"],
      ["webhook.deleted", "failure"],
    ]);
  });

  it("an OAuth connection manages only its own integration's webhooks (integrations/me)", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    const appId = apps()[0]!.id;
    const { groups } = await listWebhooks(ctx, { connectionId: connection.id });
    expect(groups).toEqual([expect.objectContaining({ integrationId: "me", webhooks: [expect.objectContaining({ id: connection.webhookId, managedBySunbridge: true })] })]);

    const created = await createWebhook(ctx, { connectionId: connection.id, target: botTarget("oauth"), triggers: ["conversation:message"] });
    const [authorization] = await world.sandbox.control.authorizations(appId);
    expect((await world.sandbox.control.webhooks(appId)).find((webhook) => webhook.id === created.webhook.id)).toMatchObject({
      integrationId: authorization!.integrationId,
    });

    const before = sandboxState();
    const otherIntegration = apps()[0]!.integrations[0]!.id;
    await expect(
      createWebhook(ctx, { connectionId: connection.id, integrationId: otherIntegration, target: botTarget("x"), triggers: ["conversation:message"] }),
    ).rejects.toThrow(/only its own integration's webhooks/);
    expect(sandboxState()).toEqual(before);
  });
});

describe("what an OAuth token may not do", () => {
  it("integrations, keys, switchboards and app settings are refused with the reason, and nothing reaches SunCo", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    const connectionId = connection.id;
    const before = sandboxState();
    const integrationId = apps()[0]!.integrations[0]!.id;
    const refusals = [
      () => listIntegrations(ctx, { connectionId }),
      () => customIntegration(ctx, connectionId),
      () => createIntegrationKey(ctx, { connectionId, integrationId, displayName: "k" }),
      () => renameIntegration(ctx, { connectionId, integrationId, displayName: "renamed" }),
      () => deleteIntegration(ctx, { connectionId, integrationId }),
      () => getSwitchboard(ctx, { connectionId }),
      () => createSwitchboard(ctx, { connectionId }),
      () => updateAppSettings(ctx, { connectionId, displayName: "Renamed app" }),
    ];
    for (const refused of refusals) {
      const error = await refused().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ForbiddenError);
      expect((error as Error).message).toMatch(/^An OAuth token can't .*only with app API key or account API key credentials/);
    }
    expect(sandboxState()).toEqual(before);
    const audited = (await auditOf(connectionId)).filter((event) => event.action !== "connection.connected");
    expect(audited.map((event) => [event.action, event.result])).toEqual([
      ["integration.created", "failure"],
      ["integration_key.created", "failure"],
      ["integration.renamed", "failure"],
      ["integration.deleted", "failure"],
      ["switchboard.created", "failure"],
      ["app.updated", "failure"],
    ]);
  });

  it("still reads the app's details and settings, through tokenInfo", async () => {
    const { ctx } = await signedInOwner();
    const connection = await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    const details = await getAppDetails(ctx, { connectionId: connection.id });
    expect(details).toMatchObject({ id: apps()[0]!.id, displayName: "Acme Support", settings: { maskCreditCardNumbers: true } });
    expect(details.editable).toMatchObject({ allowed: false, reason: expect.stringContaining("UpdateApp") });
  });
});

describe("SunCo's refusals", () => {
  it("surface with SunCo's code and title, in the use-case, the server action and the audit log", async () => {
    const { ctx, connection } = await keyConnected();
    const { integration } = await customIntegration(ctx, connection.id);
    const unreachable = "http://127.0.0.1:9/nobody-listens";
    const input = { connectionId: connection.id, integrationId: integration.id, target: unreachable, triggers: ["conversation:message"] };

    const error = await createWebhook(ctx, input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).message).toMatch(/^SunCo refused the request \(HTTP 400\): The webhook target .* must answer a HEAD request/);
    expect((error as UpstreamError).details).toEqual([{ code: "bad_request", title: expect.stringContaining("must answer a HEAD request") }]);

    const { createWebhookAction } = await import("@/app/(app)/connections/[connectionId]/webhooks/actions");
    const result = await createWebhookAction(null, formData(input));
    expect(result).toMatchObject({ ok: false, details: [{ code: "bad_request", title: expect.stringContaining("HEAD request") }] });

    const failures = (await auditOf(connection.id)).filter((event) => event.action === "webhook.created");
    expect(failures).toHaveLength(2);
    expect(failures.every((event) => event.result === "failure" && event.error?.includes("bad_request"))).toBe(true);
  });

  it("a SunCo outage tells that nothing was changed", async () => {
    const { ctx, connection } = await keyConnected();
    await world.sandbox.control.failNext("always", 429, { method: "GET", path: "/v2/apps/*/integrations" }, 0);
    const error = await listIntegrations(ctx, { connectionId: connection.id }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as Error).message).toMatch(/limiting requests .* Nothing was changed/);
  });
});

describe("integrations", () => {
  it("lists them with a type filter, and pages through them", async () => {
    const { ctx, connection } = await keyConnected();
    await customIntegration(ctx, connection.id);
    const all = await listIntegrations(ctx, { connectionId: connection.id });
    expect(all.integrations.map((integration) => integration.type).sort()).toEqual(["custom", "custom", "web"]);
    const custom = await listIntegrations(ctx, { connectionId: connection.id, types: ["custom"] });
    expect(custom.integrations.map((integration) => [integration.displayName, integration.managedBySunbridge])).toEqual([
      ["Sunbridge", true],
      ["Support bot", false],
    ]);
    const web = await listIntegrations(ctx, { connectionId: connection.id, types: ["web"] });
    expect(web.integrations).toEqual([expect.objectContaining({ type: "web", displayName: "Web Messenger" })]);
    await expect(listIntegrations(ctx, { connectionId: connection.id, types: ["carrier-pigeon"] })).rejects.toBeInstanceOf(InvalidInputError);
  });

  it("creates a custom integration with its webhook and a key whose secret is shown once and stored nowhere", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const created = await customIntegration(ctx, connection.id, { keyName: "Bot key" });
    expect(created.incomplete).toBeNull();
    const state = sandboxState();
    expect(state.integrations.find((integration) => integration.id === created.integration.id)).toMatchObject({ type: "custom", displayName: "Support bot" });
    expect((await world.sandbox.control.webhooks(appId)).find((webhook) => webhook.integrationId === created.integration.id)).toMatchObject({
      target: botTarget(),
      triggers: ["conversation:message", "conversation:postback"],
      includeFullUser: true,
      includeFullSource: false,
      secret: created.webhookSecret,
    });
    const key = state.keys.find((each) => each.integrationId === created.integration.id)!;
    expect(created.key).toEqual({ id: key.id, displayName: "Bot key", secret: key.secret });

    const listed = await listIntegrationKeys(ctx, { connectionId: connection.id, integrationId: created.integration.id });
    expect(listed).toEqual([{ id: key.id, displayName: "Bot key", maskedSecret: `••••${key.secret.slice(-4)}` }]);
    const stored = asText([await db().connection.findMany(), await db().auditEvent.findMany()]);
    expect(stored).not.toContain(key.secret);
    expect(stored).not.toContain(created.webhookSecret!);
    expect((await auditOf(connection.id)).map((event) => event.action)).toEqual(
      expect.arrayContaining(["integration.created", "integration_key.created"]),
    );
  });

  it("says exactly what exists when the key that follows the integration fails", async () => {
    const { ctx, connection } = await keyConnected();
    await world.sandbox.control.failNext(1, 500, { method: "POST", path: "/v2/apps/*/integrations/*/keys" });
    const created = await customIntegration(ctx, connection.id, { keyName: "Bot key" });
    expect(created.key).toBeNull();
    expect(created.incomplete).toMatch(
      new RegExp(`^The integration “Support bot” \\(${created.integration.id}\\) was created with its webhook, but its API key was not: .*HTTP 500`),
    );
    expect(sandboxState().integrations.some((integration) => integration.id === created.integration.id)).toBe(true);
    const audit = (await auditOf(connection.id)).filter((event) => event.action !== "connection.connected");
    expect(audit.map((event) => [event.action, event.result])).toEqual([
      ["integration.created", "success"],
      ["integration_key.created", "failure"],
    ]);
  });

  it("renames and deletes an integration (its webhooks and keys go with it), never Sunbridge's own", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const { integration } = await customIntegration(ctx, connection.id, { keyName: "Bot key" });
    const ref = { connectionId: connection.id, integrationId: integration.id };
    expect(await renameIntegration(ctx, { ...ref, displayName: "Billing bot" })).toMatchObject({ displayName: "Billing bot" });
    expect(sandboxState().integrations.find((each) => each.id === integration.id)?.displayName).toBe("Billing bot");

    await deleteIntegration(ctx, ref);
    const state = sandboxState();
    expect(state.integrations.some((each) => each.id === integration.id)).toBe(false);
    expect(state.keys.some((key) => key.integrationId === integration.id)).toBe(false);
    expect(await world.sandbox.control.webhooks(appId)).toHaveLength(1);

    await expect(deleteIntegration(ctx, { connectionId: connection.id, integrationId: connection.integrationId! })).rejects.toBeInstanceOf(ConflictError);
    expect(sandboxState().integrations.some((each) => each.id === connection.integrationId)).toBe(true);
    const audit = (await auditOf(connection.id)).filter((event) => event.action.startsWith("integration."));
    expect(audit.map((event) => [event.action, event.result])).toEqual([
      ["integration.created", "success"],
      ["integration.renamed", "success"],
      ["integration.deleted", "success"],
      ["integration.deleted", "failure"],
    ]);
    expect(audit[1]).toMatchObject({ before: { displayName: "Support bot" }, after: { displayName: "Billing bot" } });
  });

  it("adds and deletes custom integration keys", async () => {
    const { ctx, connection } = await keyConnected();
    const { integration } = await customIntegration(ctx, connection.id);
    const ref = { connectionId: connection.id, integrationId: integration.id };
    const key = await createIntegrationKey(ctx, { ...ref, displayName: "Deploy key" });
    expect(key.id).toMatch(/^int_/);
    expect(sandboxState().keys.find((each) => each.id === key.id)?.secret).toBe(key.secret);
    await deleteIntegrationKey(ctx, { ...ref, keyId: key.id });
    expect(sandboxState().keys.some((each) => each.id === key.id)).toBe(false);
    expect(await listIntegrationKeys(ctx, ref)).toEqual([]);
    await expect(deleteIntegrationKey(ctx, { ...ref, keyId: "app_not-an-integration-key" })).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("the app's settings", () => {
  it("sends only what changed, and refuses turning multi-conversation off", async () => {
    const { ctx, connection, appId } = await keyConnected();
    const details = await getAppDetails(ctx, { connectionId: connection.id });
    expect(details).toMatchObject({ id: appId, displayName: "Globex Help Desk", editable: { allowed: true }, settings: { multiConvoEnabled: true } });
    const form = { connectionId: connection.id, displayName: "Globex Help Desk", maskCreditCardNumbers: "on", echoPostback: "on", multiConvoEnabled: "on" };

    expect(await updateAppSettings(ctx, form)).toEqual({ changed: false });
    expect(await updateAppSettings(ctx, { ...form, displayName: "Globex Care", echoPostback: undefined, conversationRetentionSeconds: "86400" })).toEqual({ changed: true });
    const app = sandboxState().apps.find((each) => each.id === appId)!;
    expect(app).toMatchObject({ displayName: "Globex Care", settings: { echoPostback: false, conversationRetentionSeconds: 86400, useAnimalNames: false } });
    const [event] = (await auditOf(connection.id)).filter((each) => each.action === "app.updated");
    expect(event).toMatchObject({
      result: "success",
      before: { displayName: "Globex Help Desk", settings: { echoPostback: true, conversationRetentionSeconds: 0 } },
      after: { displayName: "Globex Care", settings: { echoPostback: false, conversationRetentionSeconds: 86400 } },
    });

    const before = sandboxState();
    await expect(updateAppSettings(ctx, { ...form, multiConvoEnabled: undefined })).rejects.toThrow(/can't be turned off/);
    expect(sandboxState()).toEqual(before);
  });
});
