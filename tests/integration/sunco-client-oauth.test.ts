// The OAuth bridge helpers and revocation, against the standalone sandbox over HTTP.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { authorizeUrl, createSuncoClient, exchangeAuthorizationCode, getTokenInfo } from "@/lib/sunco";
import { submitConsent } from "@/tests/support/sandbox-oauth";
import { startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";
import { suncoFailure } from "@/tests/support/sunco-client";

let sandbox: StartedSandbox;
let settings: { oauthBaseUrl: string; client: { clientId: string; clientSecret: string } };

beforeAll(async () => {
  sandbox = await startSandbox();
  const { clientId, clientSecret } = sandbox.fixtures.oauthClients[0]!;
  settings = { oauthBaseUrl: sandbox.url, client: { clientId, clientSecret } };
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.control.reset());

const acme = () => sandbox.fixtures.apps[0]!;

async function consentCode(state = "s") {
  const redirect = await submitConsent(sandbox, { appId: acme().id, state });
  return redirect.searchParams.get("code")!;
}

describe("connecting a tenant through OAuth", () => {
  it("sends the admin to the bridge's consent page for our client, with state and redirect URI", async () => {
    const url = new URL(authorizeUrl({ state: "xyz/1", redirectUri: "https://partner.test/cb" }, settings));
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: settings.client.clientId,
      state: "xyz/1",
      redirect_uri: "https://partner.test/cb",
    });
    const page = await fetch(authorizeUrl({ state: "xyz/1" }, settings));
    expect(page.status).toBe(200);
  });

  it("trades the consent code for a token, and the token for its app and subdomain", async () => {
    const { accessToken } = await exchangeAuthorizationCode(await consentCode(), settings);
    const app = await getTokenInfo(accessToken, settings);
    expect(app).toMatchObject({ id: acme().id, subdomain: acme().subdomain, displayName: acme().displayName });
  });

  it("refuses a code used twice, as a client error that does not carry the code or secret", async () => {
    const code = await consentCode();
    await exchangeAuthorizationCode(code, settings);
    const error = await suncoFailure(exchangeAuthorizationCode(code, settings));
    expect(error).toMatchObject({ kind: "client", status: 400, operation: "GetToken" });
    expect(error.message).not.toContain(code);
    expect(error.message).not.toContain(settings.client.clientSecret);
  });

  it("reports wrong client credentials as an auth failure", async () => {
    const wrong = { ...settings, client: { ...settings.client, clientSecret: "not-the-secret" } };
    expect((await suncoFailure(exchangeAuthorizationCode(await consentCode(), wrong))).kind).toBe("auth");
  });

  it("refuses an empty code before calling SunCo", async () => {
    await expect(exchangeAuthorizationCode(" ", settings)).rejects.toThrow("authorization code is missing");
  });

  it("revokes access: the token then fails with kind auth, so the connection can be marked for re-authorization", async () => {
    const { accessToken } = await exchangeAuthorizationCode(await consentCode(), settings);
    const client = createSuncoClient({
      appId: acme().id,
      credentials: { type: "oauth", accessToken },
      apiBaseUrl: sandbox.url,
    });
    await client.oauth.revokeAccess();
    expect(await sandbox.control.authorizations(acme().id)).toEqual([]);
    const error = await suncoFailure(getTokenInfo(accessToken, settings));
    expect(error).toMatchObject({ kind: "auth", status: 401, operation: "GetTokenInfo" });
    expect(error.message).not.toContain(accessToken);
  });
});
