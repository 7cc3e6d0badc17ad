// Connect links against the sandbox: created by an admin or an API key, used once through Zendesk's consent or an app
// key by someone without an account, the connection landing in the partner's organization with the link's externalId
// and its connection.created event; expired, used and revoked links connect nothing; the token is stored hashed; a
// return URL must be on the organization's allow-list; another organization cannot see or revoke the link.
import { describe, expect, it } from "vitest";
import type { MemberContext } from "@/lib/auth/require-member";
import {
  admitLinkVisitor,
  beginLinkOAuth,
  completeLinkOAuth,
  connectLinkWithApiKey,
  createConnectLink,
  createConnectLinkSchema,
  describeConnectLink,
  linkOutcome,
  listConnectLinks,
  LinkUnusableError,
  returnOriginsSchema,
  revokeConnectLink,
  removeConnectLogo,
  setConnectLogo,
  setConnectReturnOrigins,
} from "@/lib/connections";
import { hashToken } from "@/lib/crypto/token";
import { db } from "@/lib/db";
import { InvalidInputError, NotFoundError, RateLimitedError } from "@/lib/errors";
import { createEndpoint } from "@/lib/partner-events";
import { answerConsent } from "../support/oauth-consent";
import { signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";

withTestDatabase();
const world = withTenantSandbox();

const app = (index: number) => world.sandbox.fixtures.apps[index]!;

async function newLink(ctx: MemberContext, input: Record<string, unknown> = {}) {
  return createConnectLink(ctx, createConnectLinkSchema.parse({ externalId: "customer-42", ...input }));
}

/** The visitor's browser: the link's page → Connect with Zendesk → consent for fixture app `appIndex` → the callback. */
async function connectThroughConsent(token: string, appIndex = 0, decision: "allow" | "deny" = "allow") {
  const consent = await answerConsent(await beginLinkOAuth(token), decision, app(appIndex).id);
  return completeLinkOAuth(consent.state!, { code: consent.code, error: consent.error });
}

const connectionsOf = (organizationId: string) => db().connection.findMany({ where: { organizationId } });

describe("a connect link", () => {
  it("has a token of 256 bits of which only the hash is stored, is listed open, and its creation is audited", async () => {
    const { ctx } = await signedInOwner();
    const { token, url, link } = await newLink(ctx, { displayName: "Acme" });
    expect(token).toMatch(/^scl_[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(new URL(`/connect/${token}`, world.receiver.url).toString());
    const row = await db().connectLink.findUniqueOrThrow({ where: { id: link.id } });
    expect(row.tokenHash).toBe(hashToken(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(4));
    expect(await listConnectLinks(ctx)).toMatchObject([{ id: link.id, externalId: "customer-42", displayName: "Acme", state: "open", methods: ["oauth", "api_key"] }]);
    expect(await db().auditEvent.findFirst({ where: { action: "connect_link.created", organizationId: ctx.organization.id } })).toMatchObject({ target: "customer-42", result: "success" });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
  });

  it("connects the visitor's app to the partner's organization once, tagged with its externalId, with its webhook and connection.created", async () => {
    const { ctx } = await signedInOwner();
    await createEndpoint(ctx, { url: `${world.receiver.url}/partner-events`, description: "backend", eventTypes: ["connection.created"] });
    const { token, link } = await newLink(ctx);

    const outcome = await connectThroughConsent(token);
    expect(outcome).toMatchObject({ outcome: "connected", appName: app(0).displayName, linkId: link.id });
    const [connection] = await connectionsOf(ctx.organization.id);
    expect(connection).toMatchObject({ appId: app(0).id, externalId: "customer-42", authType: "oauth", state: "active", connectedById: null });
    expect(connection!.webhookId).toBeTruthy();
    const events = await db().partnerEvent.findMany({ where: { organizationId: ctx.organization.id, type: "connection.created" } });
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ connection: { id: connection!.id, appId: app(0).id } });
    expect(await describeConnectLink(token)).toEqual({ status: "used", organizationName: ctx.organization.name, logo: null });
    expect(await linkOutcome(token)).toMatchObject({ state: "used", appName: app(0).displayName });
    expect(await db().connectLink.findUniqueOrThrow({ where: { id: link.id } })).toMatchObject({ connectionId: connection!.id });

    // The second use: the page says used, and a consent started before the first use completes nothing.
    await expect(beginLinkOAuth(token)).rejects.toThrow(LinkUnusableError);
    await expect(connectLinkWithApiKey(token, fixtureKey(1))).rejects.toThrow("This link is used already.");
    expect(await connectionsOf(ctx.organization.id)).toHaveLength(1);
  });

  it("accepts a callback for its state once: a replay of the same state connects nothing more", async () => {
    const { ctx } = await signedInOwner();
    const { token } = await newLink(ctx);
    const consent = await answerConsent(await beginLinkOAuth(token), "allow", app(0).id);
    expect(await completeLinkOAuth(consent.state!, { code: consent.code })).toMatchObject({ outcome: "connected" });
    expect(await completeLinkOAuth(consent.state!, { code: consent.code })).toBeNull();
  });

  it("reconnecting the same app through a new link updates its connection, with the new externalId", async () => {
    const { ctx } = await signedInOwner();
    const first = await newLink(ctx, { externalId: "old-id" });
    await connectThroughConsent(first.token);
    const second = await newLink(ctx, { externalId: "new-id" });
    expect(await connectThroughConsent(second.token)).toMatchObject({ outcome: "reconnected" });
    expect(await connectionsOf(ctx.organization.id)).toMatchObject([{ appId: app(0).id, externalId: "new-id" }]);
  });

  it("connects with an app key when the visitor pastes one", async () => {
    const { ctx } = await signedInOwner();
    const { token } = await newLink(ctx, { methods: ["api_key"] });
    await expect(beginLinkOAuth(token)).rejects.toThrow("This link does not offer that way of connecting.");
    expect(await connectLinkWithApiKey(token, fixtureKey(1))).toMatchObject({ outcome: "connected" });
    expect(await connectionsOf(ctx.organization.id)).toMatchObject([{ appId: app(1).id, externalId: "customer-42", authType: "api_key_basic" }]);
  });

  it("stays open when the visitor chooses Deny or pastes a key SunCo refuses", async () => {
    const { ctx } = await signedInOwner();
    const { token } = await newLink(ctx);
    expect(await connectThroughConsent(token, 0, "deny")).toMatchObject({ outcome: "cancelled" });
    await expect(connectLinkWithApiKey(token, { ...fixtureKey(1), secret: "wrong" })).rejects.toThrow(InvalidInputError);
    expect((await describeConnectLink(token)).status).toBe("open");
    expect(await connectionsOf(ctx.organization.id)).toEqual([]);
  });

  it("connects nothing once expired, even with a consent started before", async () => {
    const { ctx } = await signedInOwner();
    const { token, link } = await newLink(ctx, { expiresInSeconds: 30 });
    const consent = await answerConsent(await beginLinkOAuth(token), "allow", app(0).id);
    await db().connectLink.update({ where: { id: link.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await describeConnectLink(token)).toEqual({ status: "expired", organizationName: ctx.organization.name, logo: null });
    expect(await completeLinkOAuth(consent.state!, { code: consent.code })).toMatchObject({ outcome: "unusable" });
    await expect(beginLinkOAuth(token)).rejects.toThrow("This link is expired.");
    expect(await connectionsOf(ctx.organization.id)).toEqual([]);
    expect(await listConnectLinks(ctx)).toMatchObject([{ state: "expired" }]);
  });

  it("connects nothing once revoked, which is audited; another organization can neither see nor revoke it", async () => {
    const { ctx } = await signedInOwner();
    const { token, link } = await newLink(ctx);
    const consent = await answerConsent(await beginLinkOAuth(token), "allow", app(0).id);

    const outsider = await signedInOwner();
    await expect(revokeConnectLink(outsider.ctx, link.id)).rejects.toThrow(NotFoundError);
    expect(await listConnectLinks(outsider.ctx)).toEqual([]);

    expect(await revokeConnectLink(ctx, link.id)).toMatchObject({ state: "revoked" });
    expect(await describeConnectLink(token)).toMatchObject({ status: "revoked" });
    expect(await completeLinkOAuth(consent.state!, { code: consent.code })).toMatchObject({ outcome: "unusable" });
    await expect(connectLinkWithApiKey(token, fixtureKey(1))).rejects.toThrow("This link is revoked.");
    expect(await connectionsOf(ctx.organization.id)).toEqual([]);
    expect(await db().auditEvent.findFirst({ where: { action: "connect_link.revoked", organizationId: ctx.organization.id } })).toMatchObject({ result: "success" });
  });

  it("pages and attempts are throttled per client address", async () => {
    for (let visit = 0; visit < 60; visit += 1) await admitLinkVisitor("203.0.113.9");
    await expect(admitLinkVisitor("203.0.113.9")).rejects.toThrow(RateLimitedError);
    await expect(admitLinkVisitor("203.0.113.10")).resolves.toBeUndefined();
  });

  it("tells a bad token only that it is not valid", async () => {
    expect(await describeConnectLink("scl_nothing-here")).toEqual({ status: "invalid" });
    expect(await describeConnectLink("x".repeat(5000))).toEqual({ status: "invalid" });
    await expect(beginLinkOAuth("scl_nothing-here")).rejects.toThrow("This link is not valid.");
  });
});

describe("the return URL", () => {
  it("must have an origin on the organization's allow-list", async () => {
    const { ctx } = await signedInOwner();
    const refused = newLink(ctx, { returnUrl: "https://partner.example.com/done" });
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toMatchObject({ fieldErrors: { returnUrl: [expect.stringContaining("allow-list")] } });

    await setConnectReturnOrigins(ctx, returnOriginsSchema.parse({ origins: "https://partner.example.com\nhttp://localhost:3000" }));
    expect((await newLink(ctx, { returnUrl: "https://partner.example.com/done?x=1" })).link.returnUrl).toBe("https://partner.example.com/done?x=1");
    // Same host, other scheme or port, or a look-alike host: another origin.
    for (const returnUrl of ["http://partner.example.com/done", "https://partner.example.com:8443/", "https://partner.example.com.evil.test/"]) {
      await expect(newLink(ctx, { returnUrl }), returnUrl).rejects.toThrow(InvalidInputError);
    }
    expect(await db().connectLink.count({ where: { organizationId: ctx.organization.id } })).toBe(1);
  });

  it("and the allow-list refuse what is not an http(s) origin", () => {
    for (const origins of ["javascript:alert(1)", "https://a.example.com/path", "http://a.example.com", "https://user:pw@a.example.com", "ftp://a.example.com"]) {
      expect(returnOriginsSchema.safeParse({ origins }).success, origins).toBe(false);
    }
    for (const returnUrl of ["javascript:alert(1)", "data:text/html,hi", "https://user:pw@a.example.com/", "x".repeat(3000)]) {
      expect(createConnectLinkSchema.safeParse({ externalId: "c", returnUrl }).success, returnUrl.slice(0, 30)).toBe(false);
    }
  });
});

function fixtureKey(index: number) {
  const key = app(index).appKeys[0]!;
  return { appId: app(index).id, keyId: key.id, secret: key.secret, scheme: "basic" as const, location: "subdomain" as const, subdomain: app(index).subdomain };
}

describe("the connect page's logo", () => {
  const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const file = (bytes: Uint8Array<ArrayBuffer> | string, name: string, type: string) => ({ logo: new File([bytes], name, { type }) });

  it("is shown on the organization's link pages as a data URL, replaced by the next upload, and removed", async () => {
    const { ctx } = await signedInOwner();
    const { token } = await newLink(ctx);
    expect(await describeConnectLink(token)).toMatchObject({ status: "open", logo: null });

    // The type is read from the bytes, not from what the browser declared.
    await setConnectLogo(ctx, file(PNG, "logo.bin", "application/octet-stream"));
    expect(await describeConnectLink(token)).toMatchObject({ logo: `data:image/png;base64,${Buffer.from(PNG).toString("base64")}` });
    const gif = "GIF89a\x01\x00\x01\x00";
    await setConnectLogo(ctx, file(gif, "logo.gif", "image/gif"));
    expect(await describeConnectLink(token)).toMatchObject({ logo: expect.stringMatching(/^data:image\/gif;base64,/) });
    expect(await db().connectLogo.count({ where: { organizationId: ctx.organization.id } })).toBe(1);

    // Another organization's links never show it.
    const other = await signedInOwner();
    expect(await describeConnectLink((await newLink(other.ctx)).token)).toMatchObject({ logo: null });

    await removeConnectLogo(ctx);
    expect(await describeConnectLink(token)).toMatchObject({ logo: null });
    const audit = await db().auditEvent.findMany({ where: { organizationId: ctx.organization.id, action: { startsWith: "connect_link.logo" } }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => entry.action)).toEqual(["connect_link.logo_set", "connect_link.logo_set", "connect_link.logo_removed"]);
  });

  it("refuses what is not a small raster image, with the reason on the field, and keeps the logo there was", async () => {
    const { ctx } = await signedInOwner();
    await setConnectLogo(ctx, file(PNG, "logo.png", "image/png"));
    const refusals: [ReturnType<typeof file>, string][] = [
      [file('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png", "image/png"), "must be a PNG, JPEG, GIF or WebP image"],
      [file(new Uint8Array(0), "empty.png", "image/png"), "is empty: choose an image"],
      [file(new Uint8Array(100 * 1024 + 1).fill(0xff), "big.jpg", "image/jpeg"), "must be at most 100 KB (this one is 101 KB)"],
    ];
    for (const [input, reason] of refusals) {
      const refusal = await setConnectLogo(ctx, input).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(InvalidInputError);
      expect((refusal as InvalidInputError).fieldErrors).toEqual({ logo: [`The logo ${reason}.`] });
    }
    expect(await db().connectLogo.findUniqueOrThrow({ where: { organizationId: ctx.organization.id } })).toMatchObject({ contentType: "image/png" });
  });
});
