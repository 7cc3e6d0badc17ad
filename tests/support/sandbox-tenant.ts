// An organization connected (through OAuth consent) to a SunCo sandbox app that delivers real webhooks to our route,
// with an end user already talking in one conversation: the starting point of tests that act on SunCo from the inbox.
import { afterAll, beforeAll, expect, vi } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { beginOAuthConnect, completeOAuthConnect } from "@/lib/connections";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { stopJobs } from "@/lib/jobs";
import { createSuncoClient } from "@/lib/sunco";
import { closeLiveHub } from "@/lib/live";
import { drainWebhookEvents, forgetWebhookConnections } from "@/lib/webhooks";
import { startAppServer, type AppServer } from "./app-server";
import { actAs, createOrganization, memberContext } from "./builders";
import { answerConsent } from "./oauth-consent";
import { startSandbox, type StartedSandbox, type StartSandboxOptions } from "./sandbox-server";

/** Processes webhook events until `check` finds what it waits for: the sandbox delivers on its own schedule. */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await drainWebhookEvents();
    const result = await check();
    if (result) return result;
    if (Date.now() > deadline) throw new Error("the read model never caught up");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface SandboxTenant {
  sandbox: StartedSandbox;
  owner: MemberContext;
  connectionId: string;
  appId: string;
  endUser: { id: string };
  suncoConversationId: string;
  /** Sunbridge's id of that conversation. */
  conversationId: string;
}

/** Connects `organizationId`'s owner to the sandbox app through OAuth consent; resolves to the connection's id. */
export async function connectToSandbox(sandbox: StartedSandbox, appId: string) {
  const { organization, owner } = await createOrganization();
  await actAs(owner.id, organization.id);
  const ctx = await memberContext(owner.id, organization.id);
  const consent = await answerConsent(await beginOAuthConnect(ctx), "allow", appId);
  expect(await completeOAuthConnect(ctx.actor.id, { state: consent.state, code: consent.code })).toMatchObject({ outcome: "connected" });
  const connection = await db().connection.findFirstOrThrow({ where: { organizationId: organization.id } });
  return { owner: ctx, connectionId: connection.id };
}

/**
 * For one test file (which must mock "@/lib/auth/current-session"): the app's webhook route served over HTTP, a
 * sandbox, an organization connected to its first app, and an end user who said hello.
 */
export function withSandboxTenant(options: Omit<StartSandboxOptions, "appUrl"> = {}): SandboxTenant {
  const tenant = {} as SandboxTenant;
  let app: AppServer;
  beforeAll(async () => {
    app = await startAppServer();
    resetEnvForTests({ APP_URL: app.url });
    tenant.sandbox = await startSandbox({ ...options, appUrl: app.url });
    resetEnvForTests({ APP_URL: app.url, SUNCO_API_BASE_URL: tenant.sandbox.url, SUNCO_OAUTH_BASE_URL: tenant.sandbox.url });
    forgetWebhookConnections();
    tenant.appId = tenant.sandbox.fixtures.apps[0]!.id;
    Object.assign(tenant, await connectToSandbox(tenant.sandbox, tenant.appId));
    tenant.endUser = await tenant.sandbox.control.createEndUser(tenant.appId, { givenName: "Nora", surname: "Jones", email: "nora@example.test" });
    tenant.suncoConversationId = (await tenant.sandbox.control.openConversation(tenant.appId, tenant.endUser.id)).id;
    await tenant.sandbox.control.sendAsEndUser(tenant.suncoConversationId, tenant.endUser.id, { type: "text", text: "Hello?" });
    const conversation = await eventually(() =>
      db().conversation.findUnique({
        where: { connectionId_suncoConversationId: { connectionId: tenant.connectionId, suncoConversationId: tenant.suncoConversationId } },
      }),
    );
    tenant.conversationId = conversation.id;
  });
  afterAll(async () => {
    await stopJobs();
    await closeLiveHub();
    await tenant.sandbox?.stop();
    await app?.stop();
    resetEnvForTests();
    vi.restoreAllMocks();
  });
  return tenant;
}

/** The tenant's admin on fixture app `appIndex`, with an app key: sets up the app as Admin Center would. */
export function appAdminClient(sandbox: StartedSandbox, appIndex = 0) {
  const app = sandbox.fixtures.apps[appIndex]!;
  return createSuncoClient({
    appId: app.id,
    credentials: { type: "basic", keyId: app.appKeys[0]!.id, secret: app.appKeys[0]!.secret },
    apiBaseUrl: sandbox.url,
  });
}

/** An enabled switchboard on the first app: Sunbridge ("sunbridge") in control by default, the Agent Workspace ("agent-workspace") beside it. */
export async function switchboardWithAgentWorkspace(sandbox: StartedSandbox) {
  const admin = appAdminClient(sandbox);
  const switchboard = await admin.switchboards.create();
  const sunbridge = await admin.switchboardIntegrations.create(switchboard.id, { name: "sunbridge", integrationType: "sunbridge-sandbox" });
  await admin.switchboardIntegrations.create(switchboard.id, { name: "agent-workspace", integrationType: "zd:agentWorkspace" });
  await admin.switchboards.update(switchboard.id, { enabled: true, defaultSwitchboardIntegrationId: sunbridge.id });
}
