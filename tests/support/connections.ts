// Organizations with a connected sandbox app, for tests of what is done through a connection.
import { afterAll, beforeAll, beforeEach } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import { beginOAuthConnect, completeOAuthConnect } from "@/lib/connections";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { actAs, createOrganization, memberContext } from "./builders";
import { answerConsent } from "./oauth-consent";
import { connectWithApiKey } from "./parsed-use-cases";
import { withSandbox, type StartedSandbox } from "./sandbox-server";

/**
 * The sandbox as the app's SunCo, with the receiver as Sunbridge's public URL (it answers SunCo's HEAD checks of
 * webhook targets, and stands for bots' targets too). Each test starts from the fixtures and no connection; call
 * withTestDatabase() first.
 */
export function withTenantSandbox() {
  const world = withSandbox();
  beforeAll(() => {
    resetEnvForTests({ APP_URL: world.receiver.url, SUNCO_API_BASE_URL: world.sandbox.url, SUNCO_OAUTH_BASE_URL: world.sandbox.url });
  });
  afterAll(() => resetEnvForTests());
  beforeEach(async () => {
    await world.sandbox.control.reset();
    await db().connection.deleteMany();
  });
  return world;
}

/** A new organization whose owner is signed in (for server actions) and whose context use-cases take. */
export async function signedInOwner() {
  const { organization, owner } = await createOrganization();
  await actAs(owner.id, organization.id);
  return { organization, owner, ctx: await memberContext(owner.id, organization.id) };
}

/** Connects fixture app `appIndex` with its app key (Basic), as the API-key form does. */
export async function connectWithFixtureKey(ctx: MemberContext, sandbox: StartedSandbox, appIndex = 1) {
  const app = sandbox.fixtures.apps[appIndex]!;
  const key = app.appKeys[0]!;
  const { connection } = await connectWithApiKey(ctx, {
    appId: app.id,
    keyId: key.id,
    secret: key.secret,
    scheme: "basic",
    location: "subdomain",
    subdomain: app.subdomain,
  });
  return connection;
}

/** Goes through the sandbox's OAuth consent for fixture app `appIndex`, answered Allow: the callback's outcome. */
export async function oauthConnectFixture(ctx: MemberContext, sandbox: StartedSandbox, appIndex = 0) {
  const consent = await answerConsent(await beginOAuthConnect(ctx), "allow", sandbox.fixtures.apps[appIndex]!.id);
  return completeOAuthConnect(ctx.actor.id, { state: consent.state, code: consent.code });
}

/** Connects fixture app `appIndex` through the sandbox's OAuth consent, answered Allow. */
export async function connectWithFixtureOAuth(ctx: MemberContext, sandbox: StartedSandbox, appIndex = 0) {
  const outcome = await oauthConnectFixture(ctx, sandbox, appIndex);
  if (outcome.outcome !== "connected" && outcome.outcome !== "reconnected") throw new Error(`OAuth connect failed: ${JSON.stringify(outcome)}`);
  return db().connection.findUniqueOrThrow({ where: { id: outcome.connectionId } });
}
