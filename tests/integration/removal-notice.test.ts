// SunCo's removeUrl is open to anyone: notices are rate-limited per client address and overall, name at most a few
// apps, and only SunCo's definite refusal of a token (tokenInfo answering 401 unauthorized) revokes a connection.
import { randomBytes } from "node:crypto";
import { after } from "next/server";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { POST } from "@/app/api/oauth/sunco/removed/route";
import { verifyRemovalNotice } from "@/lib/connections";
import {
  appIdsMentionedIn,
  MAX_APP_IDS_PER_NOTICE,
  REMOVAL_NOTICES_OVERALL,
  REMOVAL_NOTICES_PER_ADDRESS,
} from "@/lib/connections/removal-notice";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { connectWithFixtureOAuth, signedInOwner, withTenantSandbox } from "../support/connections";
import { withTestDatabase } from "../support/database";

// The route checks notices after answering (next/server's after): here the checks are only counted.
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), after: vi.fn() }));

withTestDatabase();
const world = withTenantSandbox();

beforeEach(async () => {
  await db().rateLimit.deleteMany();
  vi.mocked(after).mockClear();
});

const appId = () => world.sandbox.fixtures.apps[0]!.id;
const hex24 = () => randomBytes(12).toString("hex");
const removeIntegration = () => world.sandbox.control.removeAuthorization(appId(), world.sandbox.fixtures.oauthClients[0]!.clientId);

async function connectedByOAuth() {
  return connectWithFixtureOAuth((await signedInOwner()).ctx, world.sandbox);
}

const stateOf = async (id: string) => (await db().connection.findUniqueOrThrow({ where: { id } })).state;

function notice(address: string, body: unknown = { appId: hex24() }) {
  return POST(
    new Request("http://localhost/api/oauth/sunco/removed", {
      method: "POST",
      headers: { "content-type": "application/json", [CLIENT_ADDRESS_HEADER]: address },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

describe("POST /api/oauth/sunco/removed is rate-limited", () => {
  it("per client address: past the limit an address gets 429 with Retry-After, and nothing is checked", async () => {
    for (let i = 0; i < REMOVAL_NOTICES_PER_ADDRESS.limit; i++) expect((await notice("203.0.113.7")).status).toBe(200);
    const refused = await notice("203.0.113.7");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(after).toHaveBeenCalledTimes(REMOVAL_NOTICES_PER_ADDRESS.limit);
    // Another address is not held back by this one.
    expect((await notice("198.51.100.2")).status).toBe(200);
  });

  it("overall: many addresses together cannot pass the global limit", async () => {
    for (let i = 0; i < REMOVAL_NOTICES_OVERALL.limit; i++) expect((await notice(`10.0.${i >> 8}.${i & 255}`)).status).toBe(200);
    expect((await notice("192.0.2.200")).status).toBe(429);
    expect(after).toHaveBeenCalledTimes(REMOVAL_NOTICES_OVERALL.limit);
  });
});

describe("a removal notice names few apps", () => {
  it("takes at most the first three 24-hex ids of a notice: an app id, and its integration and client ids", () => {
    const ids = Array.from({ length: 50 }, hex24);
    expect(MAX_APP_IDS_PER_NOTICE).toBe(3);
    expect(appIdsMentionedIn({ appId: ids[0], others: ids.slice(1) })).toEqual(ids.slice(0, 3));
  });

  it("checks no connection of an app named after the first few ids", async () => {
    const connection = await connectedByOAuth();
    await removeIntegration();
    const padded = { apps: [...Array.from({ length: MAX_APP_IDS_PER_NOTICE }, hex24), appId()] };
    expect(await verifyRemovalNotice(padded)).toEqual({ checked: 0, revoked: 0 });
    expect(await stateOf(connection.id)).toBe("active");
  });
});

describe("only SunCo's definite answer revokes a connection", () => {
  const tokenInfo = { method: "GET", path: "/v2/tokenInfo" };

  it.each([
    ["a 500", { status: 500 }],
    ["a 503", { status: 503, retryAfter: 0 }],
    ["a 429", { status: 429, retryAfter: 0 }],
    ["a 401 that is not SunCo's (a proxy in between)", { status: 401, body: { message: "Unauthorized" } }],
  ])("leaves the connection as it is when tokenInfo answers %s", async (_name, respond) => {
    const connection = await connectedByOAuth();
    await removeIntegration();
    const fault = await fetch(`${world.sandbox.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ match: tokenInfo, times: "always", respond }),
    });
    expect(fault.status).toBe(201);
    expect(await verifyRemovalNotice({ appId: appId() })).toEqual({ checked: 1, revoked: 0 });
    expect(await stateOf(connection.id)).toBe("active");
  });

  it("leaves the connection as it is when SunCo cannot be reached", async () => {
    const connection = await connectedByOAuth();
    const settings = { APP_URL: world.receiver.url, SUNCO_API_BASE_URL: world.sandbox.url };
    resetEnvForTests({ ...settings, SUNCO_OAUTH_BASE_URL: "http://127.0.0.1:9" });
    try {
      expect(await verifyRemovalNotice({ appId: appId() })).toEqual({ checked: 1, revoked: 0 });
    } finally {
      resetEnvForTests({ ...settings, SUNCO_OAUTH_BASE_URL: world.sandbox.url });
    }
    expect(await stateOf(connection.id)).toBe("active");
  });

  it("revokes it when tokenInfo refuses the token as unauthorized, as SunCo does once the grant is removed", async () => {
    const connection = await connectedByOAuth();
    expect(await verifyRemovalNotice({ appId: appId() })).toEqual({ checked: 1, revoked: 0 });
    await removeIntegration();
    expect(await verifyRemovalNotice({ appId: appId() })).toEqual({ checked: 1, revoked: 1 });
    expect(await stateOf(connection.id)).toBe("revoked");
  });
});
