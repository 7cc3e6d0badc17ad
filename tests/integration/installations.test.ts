// Installs begun in Zendesk, against the sandbox's "Install from Zendesk" page: the callback without a state trades
// the code at once and binds the installation to the browser's cookie; a signed-in owner or admin with that cookie
// claims it for their organization; unclaimed, it is revoked at the sandbox when its hour has passed on the sandbox's
// clock.
import { beforeEach, describe, expect, it } from "vitest";
import * as callbackRoute from "@/app/api/oauth/sunco/callback/route";
import { claimInstallation, INSTALL_COOKIE, pendingInstallation, receiveInstallation, revokeExpiredInstallations } from "@/lib/connections";
import { hashToken } from "@/lib/crypto/token";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { addMember, memberContext } from "../support/builders";
import { connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";

withTestDatabase();
const world = withTenantSandbox();

beforeEach(async () => {
  await db().unclaimedInstallation.deleteMany();
});

const app = (index: number) => world.sandbox.fixtures.apps[index]!;
const HOUR = 60 * 60 * 1000;

/** The Zendesk admin on the sandbox's install page, as a browser without JavaScript: where SunCo redirects. */
async function installFromZendesk(appIndex = 0) {
  const clientId = world.sandbox.fixtures.oauthClients[0]!.clientId;
  const page = await fetch(`${world.sandbox.url}/oauth/install?client_id=${clientId}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("Install Sunbridge from the Zendesk Marketplace");
  const answer = await fetch(`${world.sandbox.url}/oauth/install`, {
    method: "POST",
    body: new URLSearchParams({ client_id: clientId, app_id: app(appIndex).id, decision: "allow" }),
    redirect: "manual",
  });
  expect(answer.status).toBe(302);
  return new URL(answer.headers.get("location")!);
}

const authorizations = (appIndex = 0) => world.sandbox.control.authorizations(app(appIndex).id);

describe("an install begun in Zendesk", () => {
  it("reaches the callback with a code and no state; the callback trades it and binds the installation to the browser", async () => {
    const redirect = await installFromZendesk();
    expect(redirect.searchParams.has("state")).toBe(false);
    const callback = new URL(`/api/oauth/sunco/callback${redirect.search}`, world.receiver.url);
    const response = await callbackRoute.GET(new Request(callback), { params: Promise.resolve({}) });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(new URL("/install", world.receiver.url).toString());
    const cookie = response.headers.get("set-cookie")!;
    expect(cookie).toMatch(new RegExp(`^${INSTALL_COOKIE}=sbi_[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600`));
    const browserId = decodeURIComponent(cookie.split(";")[0]!.split("=")[1]!);

    const [row] = await db().unclaimedInstallation.findMany();
    expect(row).toMatchObject({ appId: app(0).id, browserHash: hashToken(browserId), claimedAt: null });
    expect(row!.encryptedAccessToken).toBeTruthy();
    expect(await pendingInstallation(browserId)).toMatchObject({ appId: app(0).id, appName: app(0).displayName });
    // Another browser (no cookie, or another's) sees nothing.
    expect(await pendingInstallation(undefined)).toBeNull();
    expect(await pendingInstallation("sbi_someone-else")).toBeNull();
    // The code was spent at once.
    expect(await authorizations()).toHaveLength(1);
  });

  it("becomes a connection of the organization an owner or admin claims it for, once", async () => {
    const { code } = Object.fromEntries((await installFromZendesk()).searchParams);
    const { browserId } = await receiveInstallation(code!);
    const { ctx, organization } = await signedInOwner();
    const agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
    await expect(claimInstallation(agent, browserId)).rejects.toThrow(ForbiddenError);
    await expect(claimInstallation(ctx, "sbi_not-this-browser")).rejects.toThrow(ConflictError);

    const { connection } = await claimInstallation(ctx, browserId);
    expect(connection).toMatchObject({ organizationId: organization.id, appId: app(0).id, authType: "oauth", state: "active" });
    expect(connection.webhookId).toBeTruthy();
    expect(await db().unclaimedInstallation.findFirstOrThrow()).toMatchObject({ encryptedAccessToken: null, claimedAt: expect.any(Date) });
    await expect(claimInstallation(ctx, browserId)).rejects.toThrow(ConflictError);
    // Claimed: its hour passing revokes nothing.
    expect(await revokeExpiredInstallations(new Date(Date.now() + 2 * HOUR))).toBe(0);
    expect(await authorizations()).toHaveLength(1);
  });

  it("is revoked at SunCo when its hour passes unclaimed on the sandbox's clock, and cannot be claimed after", async () => {
    const { code } = Object.fromEntries((await installFromZendesk(1)).searchParams);
    const { browserId } = await receiveInstallation(code!);
    expect(await authorizations(1)).toHaveLength(1);

    const { now } = await world.sandbox.control.advanceClock(HOUR - 60_000);
    expect(await revokeExpiredInstallations(new Date(now))).toBe(0);
    expect(await authorizations(1)).toHaveLength(1);

    const later = await world.sandbox.control.advanceClock(2 * 60_000);
    expect(await revokeExpiredInstallations(new Date(later.now))).toBe(1);
    expect(await authorizations(1)).toEqual([]);
    expect(await db().unclaimedInstallation.findFirstOrThrow()).toMatchObject({ revokedAt: expect.any(Date), encryptedAccessToken: null });
    const { ctx } = await signedInOwner();
    await expect(claimInstallation(ctx, browserId)).rejects.toThrow(ConflictError);
  });

  it("leaves SunCo alone when one of our OAuth connections holds the app (revoking would cut it off)", async () => {
    const { ctx } = await signedInOwner();
    await connectWithFixtureOAuth(ctx, world.sandbox, 0);
    const { code } = Object.fromEntries((await installFromZendesk(0)).searchParams);
    await receiveInstallation(code!);
    expect(await revokeExpiredInstallations(new Date(Date.now() + 2 * HOUR))).toBe(1);
    expect(await authorizations(0)).toHaveLength(1);
    expect(await db().connection.findFirstOrThrow()).toMatchObject({ state: "active" });
  });
});
