// The sandbox mounted in the app at /sandbox/sc: on only in sandbox mode, links and URLs built from APP_URL,
// and in development its state survives a restart.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/sandbox/sc/[...path]/route";
import { resetEnvForTests } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { restartMountedSandboxForTests } from "@/lib/sandbox/mounted";
import { basicAuth } from "@/tests/support/sandbox-server";

const APP_URL = "http://localhost:3999";
const ACME = "65f000000000000000000a01";
const KEY = { id: "app_65f000000000000000000a02", secret: "sandbox-acme-app-secret-not-for-production" };

afterEach(() => {
  restartMountedSandboxForTests();
  resetEnvForTests();
});

/** What scripts/serve.ts sets on every request: here, a client on the server's own machine. */
const LOOPBACK = { [CLIENT_ADDRESS_HEADER]: "127.0.0.1" };
const get = (path: string, headers: Record<string, string> = {}) =>
  GET(new Request(`${APP_URL}/sandbox/sc${path}`, { headers: { ...LOOPBACK, ...headers } }));
const post = (path: string, body: unknown) =>
  POST(
    new Request(`${APP_URL}/sandbox/sc${path}`, {
      method: "POST",
      headers: { ...LOOPBACK, authorization: basicAuth(KEY), "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );

describe("the mounted sandbox", () => {
  it("serves SunCo under /sandbox/sc, with links and the OAuth client built from APP_URL", async () => {
    const fixtures = await (await get("/_control/fixtures")).json();
    expect(fixtures.oauthClients[0].redirectUris).toEqual([`${APP_URL}/api/oauth/sunco/callback`]);

    const created = await post(`/v2/apps/${ACME}/users`, { externalId: "mounted-user" });
    expect(created.status).toBe(201);
    const { user } = await created.json();
    for (let i = 0; i < 2; i++) await post(`/v2/apps/${ACME}/conversations`, { type: "sdkGroup", participants: [{ userId: user.id, subscribeSDKClient: false }] });
    const page = await (await get(`/v2/apps/${ACME}/conversations?filter[userId]=${user.id}&page[size]=1`, { authorization: basicAuth(KEY) })).json();
    expect(page.links.next).toMatch(new RegExp(`^${APP_URL}/sandbox/sc/v2/apps/${ACME}/conversations\\?`));
  });

  it("answers 404 when sandbox mode is off", async () => {
    resetEnvForTests({ SANDBOX_ENABLED: "false" });
    expect((await get("/_control/fixtures")).status).toBe(404);
  });

  it("in development, keeps its state across a restart", async () => {
    resetEnvForTests({ SUNBRIDGE_MODE: "development", DATA_DIR: mkdtempSync(path.join(tmpdir(), "sandbox-mounted-")) });
    expect((await post(`/v2/apps/${ACME}/users`, { externalId: "survivor" })).status).toBe(201);
    restartMountedSandboxForTests();
    const found = await get(`/v2/apps/${ACME}/users/survivor`, { authorization: basicAuth(KEY) });
    expect(found.status).toBe(200);
  });
});
