import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import {
  beginOAuthConnect,
  completeOAuthConnect,
  disconnectConnection,
  listConnections,
  rotateConnectionSecrets,
  testConnection,
  verifyRemovalNotice,
} from "@/lib/connections";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { ForbiddenError, InvalidInputError } from "@/lib/errors";
import { getTokenInfo, SuncoError } from "@/lib/sunco";
import { actAs, addMember, memberContext } from "../support/builders";
import { oauthConnectFixture, signedInOwner } from "../support/connections";
import { withTestDatabase } from "../support/database";
import { answerConsent } from "../support/oauth-consent";
import { connectWithApiKey } from "../support/parsed-use-cases";
import { startSandbox, type StartedSandbox } from "../support/sandbox-server";

withTestDatabase();

let sandbox: StartedSandbox;
const KEYS = "k1:" + Buffer.alloc(32, 7).toString("base64");

beforeAll(async () => {
  // Webhook targets point at this (not running) app, so the sandbox's HEAD check is off here; e2e covers it.
  sandbox = await startSandbox({ verifyWebhookTargets: false });
  resetEnvForTests({ SUNCO_API_BASE_URL: sandbox.url, SUNCO_OAUTH_BASE_URL: sandbox.url, ENCRYPTION_KEYS: KEYS });
});
afterAll(async () => {
  await sandbox.stop();
  resetEnvForTests();
});
// The sandbox forgets everything between tests; so must the connections that pointed at it.
beforeEach(async () => {
  await sandbox.control.reset();
  await db().connection.deleteMany();
});

const appOf = (index: 0 | 1) => sandbox.fixtures.apps[index]!;

const connectByOAuth = (ctx: MemberContext, appIndex: 0 | 1 = 0) => oauthConnectFixture(ctx, sandbox, appIndex);

describe("connecting with OAuth", () => {
  it("stores an active connection with exactly one webhook, and no plaintext secret", async () => {
    const { ctx } = await signedInOwner();
    const outcome = await connectByOAuth(ctx);
    expect(outcome).toMatchObject({ outcome: "connected", appName: appOf(0).displayName });
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: ctx.organization.id } });
    expect(connection).toMatchObject({ state: "active", authType: "oauth", appId: appOf(0).id, subdomain: appOf(0).subdomain });

    const webhooks = await sandbox.control.webhooks(appOf(0).id);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]).toMatchObject({ id: connection.webhookId, target: `http://localhost:3999/api/webhooks/sunco/${connection.id}` });
    expect(webhooks[0]!.triggers).toContain("conversation:message");

    const [raw] = await db().$queryRawUnsafe<object[]>(`SELECT * FROM "Connection" WHERE "id" = $1`, connection.id);
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain(webhooks[0]!.secret);
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    const audit = await db().auditEvent.findMany({ where: { connectionId: connection.id } });
    expect(audit.map((a) => a.action)).toContain("connection.connected");
  });

  it("treats Deny as cancelled and stores nothing", async () => {
    const { ctx } = await signedInOwner();
    const consent = await answerConsent(await beginOAuthConnect(ctx), "deny");
    expect(consent.error).toBe("access_denied");
    expect(await completeOAuthConnect(ctx.actor.id, { state: consent.state, error: consent.error })).toEqual({ outcome: "cancelled" });
    expect(await db().connection.count({ where: { organizationId: ctx.organization.id } })).toBe(0);
  });

  it("rejects a replayed, tampered, missing or someone else's state and stores nothing", async () => {
    const { ctx, organization } = await signedInOwner();
    const consent = await answerConsent(await beginOAuthConnect(ctx), "allow");
    const otherAdmin = await addMember(organization.id, "admin");
    expect(await completeOAuthConnect(otherAdmin.id, { state: consent.state, code: consent.code })).toMatchObject({ reason: "other_user" });
    expect(await completeOAuthConnect(ctx.actor.id, { state: `${consent.state}x`, code: consent.code })).toMatchObject({ reason: "unknown" });
    expect(await completeOAuthConnect(ctx.actor.id, { state: null, code: consent.code })).toMatchObject({ reason: "unknown" });
    expect(await db().connection.count({ where: { organizationId: organization.id } })).toBe(0);

    expect(await completeOAuthConnect(ctx.actor.id, { state: consent.state, code: consent.code })).toMatchObject({ outcome: "connected" });
    expect(await completeOAuthConnect(ctx.actor.id, { state: consent.state, code: consent.code })).toMatchObject({ reason: "used" });
    expect(await db().connection.count({ where: { organizationId: organization.id } })).toBe(1);
  });

  it("rejects an expired attempt", async () => {
    const { ctx } = await signedInOwner();
    const consent = await answerConsent(await beginOAuthConnect(ctx), "allow");
    await db().oAuthAttempt.updateMany({ where: { userId: ctx.actor.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(await completeOAuthConnect(ctx.actor.id, { state: consent.state, code: consent.code })).toMatchObject({ reason: "expired" });
  });

  it("reconnecting updates the same connection and keeps one webhook", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    expect(await connectByOAuth(ctx)).toMatchObject({ outcome: "reconnected" });
    expect(await db().connection.count({ where: { organizationId: ctx.organization.id } })).toBe(1);
    expect(await sandbox.control.webhooks(appOf(0).id)).toHaveLength(1);
  });

  it("refuses an app another organization already holds, until that one disconnects", async () => {
    const first = await signedInOwner();
    await connectByOAuth(first.ctx);
    const second = await signedInOwner();
    expect(await connectByOAuth(second.ctx)).toMatchObject({ outcome: "failed", message: expect.stringMatching(/another organization/) });
    expect(await db().connection.count({ where: { organizationId: second.organization.id } })).toBe(0);

    await actAs(first.owner.id, first.organization.id);
    const held = await db().connection.findFirstOrThrow({ where: { organizationId: first.organization.id } });
    await disconnectConnection(first.ctx, held.id);
    await actAs(second.owner.id, second.organization.id);
    expect(await connectByOAuth(second.ctx)).toMatchObject({ outcome: "connected" });
  });
});

describe("a connection's life", () => {
  it("disconnecting revokes the token at SunCo, removes the webhook, erases secrets, keeps the row", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: ctx.organization.id } });
    const { openConnectionSecret } = await import("@/lib/connections");
    const token = openConnectionSecret(connection, "encryptedAccessToken")!;

    await disconnectConnection(ctx, connection.id);
    const after = await db().connection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after).toMatchObject({ state: "revoked", encryptedAccessToken: null, encryptedWebhookSecret: null, webhookId: null });
    expect(await sandbox.control.webhooks(appOf(0).id)).toHaveLength(0);
    const refused = await getTokenInfo(token).catch((error) => error);
    expect(refused).toBeInstanceOf(SuncoError);
    expect((refused as SuncoError).kind).toBe("auth");
  });

  it("a token revoked in Zendesk turns the connection to needs_reauth on the next call", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: ctx.organization.id } });
    await sandbox.control.removeAuthorization(appOf(0).id, sandbox.fixtures.oauthClients[0]!.clientId);
    const result = await testConnection(ctx, connection.id);
    expect(result.ok).toBe(false);
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).state).toBe("needs_reauth");
  });

  it("the removeUrl notice is verified with tokenInfo before marking a connection revoked", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: ctx.organization.id } });
    // A forged notice for a connection whose token still works changes nothing.
    expect(await verifyRemovalNotice({ appId: appOf(0).id })).toEqual({ checked: 1, revoked: 0 });
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).state).toBe("active");
    await sandbox.control.removeAuthorization(appOf(0).id, sandbox.fixtures.oauthClients[0]!.clientId);
    expect(await verifyRemovalNotice({ whatever: { app: appOf(0).id } })).toEqual({ checked: 1, revoked: 1 });
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).state).toBe("revoked");
  });

  it("key rotation keeps every connection working", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: ctx.organization.id } });
    resetEnvForTests({
      SUNCO_API_BASE_URL: sandbox.url,
      SUNCO_OAUTH_BASE_URL: sandbox.url,
      ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 9).toString("base64")},${KEYS}`,
    });
    const rotation = await rotateConnectionSecrets();
    expect(rotation.unreadable).toEqual([]);
    resetEnvForTests({ SUNCO_API_BASE_URL: sandbox.url, SUNCO_OAUTH_BASE_URL: sandbox.url, ENCRYPTION_KEYS: `k2:${Buffer.alloc(32, 9).toString("base64")}` });
    expect(await testConnection(ctx, connection.id)).toMatchObject({ ok: true });
    resetEnvForTests({ SUNCO_API_BASE_URL: sandbox.url, SUNCO_OAUTH_BASE_URL: sandbox.url, ENCRYPTION_KEYS: KEYS });
  });
});

describe("connecting with an API key", () => {
  it.each(["basic", "jwt"] as const)("works with %s auth and creates one custom integration with one webhook", async (scheme) => {
    const { ctx } = await signedInOwner();
    const app = appOf(1);
    const key = app.appKeys[0]!;
    const input = { appId: app.id, keyId: key.id, secret: key.secret, scheme, location: "subdomain", subdomain: app.subdomain };
    const { connection } = await connectWithApiKey(ctx, input);
    expect(connection).toMatchObject({ state: "active", authType: scheme === "jwt" ? "api_key_jwt" : "api_key_basic", apiKeyId: key.id });
    const webhooks = await sandbox.control.webhooks(app.id);
    expect(webhooks).toHaveLength(1);
    expect(webhooks[0]!.integrationId).toBe(connection.integrationId);

    const again = await connectWithApiKey(ctx, input);
    expect(again.reconnected).toBe(true);
    expect(again.connection.integrationId).toBe(connection.integrationId);
    expect(await sandbox.control.webhooks(app.id)).toHaveLength(1);

    await disconnectConnection(ctx, connection.id);
    expect(await sandbox.control.webhooks(app.id)).toHaveLength(0);
  });

  it("refuses a wrong secret before storing anything", async () => {
    const { ctx } = await signedInOwner();
    const app = appOf(1);
    const attempt = connectWithApiKey(ctx, { appId: app.id, keyId: app.appKeys[0]!.id, secret: "wrong", scheme: "basic", location: "us" });
    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(
      connectWithApiKey(ctx, { appId: app.id, keyId: app.appKeys[0]!.id, secret: "wrong", scheme: "basic", location: "us" }),
    ).rejects.toThrow(/did not accept this key/);
    expect(await db().connection.count({ where: { organizationId: ctx.organization.id } })).toBe(0);
  });
});

describe("authorization", () => {
  it("agents cannot connect, disconnect, test or list connections — on the server actions themselves", async () => {
    const actions = await import("@/app/(app)/connections/actions");
    const { ctx, organization } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: organization.id } });
    const agent = await addMember(organization.id, "agent");
    await actAs(agent.id, organization.id);

    expect((await actions.connectZendeskAction()).ok).toBe(false);
    const form = new FormData();
    form.set("appId", appOf(1).id);
    expect((await actions.connectApiKeyAction(null, form)).ok).toBe(false);
    expect((await actions.testConnectionAction(connection.id)).ok).toBe(false);
    expect((await actions.disconnectConnectionAction(connection.id)).ok).toBe(false);
    await expect(listConnections(await memberContext(agent.id, organization.id))).rejects.toBeInstanceOf(ForbiddenError);
    expect((await db().connection.findUniqueOrThrow({ where: { id: connection.id } })).state).toBe("active");
    expect(await db().oAuthAttempt.count({ where: { userId: agent.id } })).toBe(0);
  });

  it("another organization's admin cannot touch the connection", async () => {
    const { ctx, organization } = await signedInOwner();
    await connectByOAuth(ctx);
    const connection = await db().connection.findFirstOrThrow({ where: { organizationId: organization.id } });
    const outsider = await signedInOwner();
    await expect(disconnectConnection(outsider.ctx, connection.id)).rejects.toThrow(/not in this organization/);
    await expect(testConnection(outsider.ctx, connection.id)).rejects.toThrow(/not in this organization/);
  });

  it("the connections list never carries a secret", async () => {
    const { ctx } = await signedInOwner();
    await connectByOAuth(ctx);
    const app = appOf(1);
    await connectWithApiKey(ctx, { appId: app.id, keyId: app.appKeys[0]!.id, secret: app.appKeys[0]!.secret, scheme: "basic", location: "us" });
    const listed = JSON.stringify(await listConnections(ctx));
    expect(listed).not.toContain(app.appKeys[0]!.secret);
    expect(listed).not.toMatch(/encrypted|eyJ/);
  });
});
