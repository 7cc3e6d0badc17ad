// The sandbox mounted in the app, reached from another machine: its control plane (/_control, the consent page, the
// simulator's API and pages) refuses without SANDBOX_TOKEN, SunCo's API still answers SunCo credentials, files never
// render as pages of the app's origin, webhooks go nowhere but the app, and a production instance has its own keys.
import { afterEach, describe, expect, it } from "vitest";
import * as route from "@/app/sandbox/sc/[...path]/route";
import { resetEnvForTests } from "@/lib/env";
import { CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { maySteerMountedSandbox, restartMountedSandboxForTests } from "@/lib/sandbox/mounted";
import { basicAuth } from "@/tests/support/sandbox-server";

const APP_URL = "http://localhost:3999";
const ACME = "65f000000000000000000a01";
const PUBLISHED_KEY = { id: "app_65f000000000000000000a02", secret: "sandbox-acme-app-secret-not-for-production" };
const OUTSIDER = "203.0.113.9";
const TOKEN = "sandbox-token-for-the-tests-0123456789";

afterEach(() => {
  restartMountedSandboxForTests();
  resetEnvForTests();
});

type Method = "GET" | "POST" | "DELETE";
interface Call {
  from?: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: FormData;
}

/** A request as scripts/serve.ts hands it to the app: with the client address it read from the socket. */
function call(method: Method, path: string, { from = OUTSIDER, headers = {}, json, form }: Call = {}): Promise<Response> {
  const body = form ?? (json === undefined ? undefined : JSON.stringify(json));
  const type: Record<string, string> = json === undefined ? {} : { "content-type": "application/json" };
  return route[method](
    new Request(`${APP_URL}/sandbox/sc${path}`, { method, headers: { [CLIENT_ADDRESS_HEADER]: from, ...type, ...headers }, body }),
  );
}

const consentPath = "/oauth/authorize?client_id=sunbridge-sandbox&response_type=code&state=s";
/** One request per part of the control plane, each answering 2xx to a client allowed in. */
const CONTROL_PLANE: [Method, string, unknown?][] = [
  ["GET", "/_control/fixtures"],
  ["GET", `/_control/apps/${ACME}/webhooks`],
  ["GET", `/_control/apps/${ACME}/authorizations`],
  ["GET", "/_control/deliveries"],
  ["POST", "/_control/faults", { match: { path: "/v2/nothing" }, times: 1, respond: { status: 503 } }],
  ["POST", `/_control/apps/${ACME}/end-users`, { givenName: "Mallory" }],
  ["GET", consentPath],
  ["GET", "/oauth/install?client_id=sunbridge-sandbox"],
  ["POST", "/_control/reset"],
];

async function statuses(options: Omit<Call, "json"> = {}) {
  const answers: string[] = [];
  for (const [method, path, json] of CONTROL_PLANE) answers.push(`${method} ${path} ${(await call(method, path, { ...options, json })).status}`);
  return answers;
}
const every = (status: number) => CONTROL_PLANE.map(([method, path]) => `${method} ${path} ${status}`);
const successes = () => CONTROL_PLANE.map(([method, path]) => `${method} ${path} ${method === "POST" && !path.endsWith("reset") ? 201 : 200}`);

describe("the mounted sandbox's control plane", () => {
  it("answers clients on the server's own machine", async () => {
    expect(await statuses({ from: "127.0.0.1" })).toEqual(successes());
    expect(await statuses({ from: "::1" })).toEqual(successes());
  });

  it("refuses anyone else without the token, and takes nothing from them", async () => {
    resetEnvForTests({ SANDBOX_TOKEN: TOKEN });
    expect(await statuses()).toEqual(every(403));
    const refusal = await (await call("GET", "/_control/fixtures")).json();
    expect(refusal.errors[0].title).toContain("X-Sandbox-Token");
    expect(JSON.stringify(refusal)).not.toContain(PUBLISHED_KEY.secret);

    expect(await statuses({ headers: { "x-sandbox-token": `${TOKEN}x` } })).toEqual(every(403));
    const endUsers = await (await call("GET", `/_control/apps/${ACME}/end-users`, { from: "127.0.0.1" })).json();
    expect(endUsers.endUsers).toEqual([]);
  });

  it("lets in a client elsewhere that sends the token in X-Sandbox-Token", async () => {
    resetEnvForTests({ SANDBOX_TOKEN: TOKEN });
    expect(await statuses({ headers: { "x-sandbox-token": TOKEN } })).toEqual(successes());
  });

  it("lets in a browser elsewhere that visited the access URL with the token, through a cookie", async () => {
    resetEnvForTests({ SANDBOX_TOKEN: TOKEN });
    expect((await call("GET", "/_control/access?token=guess")).status).toBe(403);

    const visit = await call("GET", `/_control/access?token=${TOKEN}`);
    expect(visit.status).toBe(303);
    expect(visit.headers.get("location")).toBe(`${APP_URL}/sandbox/simulator`);
    expect(visit.headers.get("referrer-policy")).toBe("no-referrer");
    const setCookie = visit.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^sunbridge_sandbox_access=[\w-]+; Path=\/sandbox; HttpOnly; SameSite=Lax$/);
    expect(setCookie).not.toContain(TOKEN);

    const cookie = setCookie.split(";")[0]!;
    expect(await statuses({ headers: { cookie } })).toEqual(successes());
    expect(await statuses({ headers: { cookie: "sunbridge_sandbox_access=forged" } })).toEqual(every(403));
  });

  it("without SANDBOX_TOKEN, lets in nobody from elsewhere, whatever they send", async () => {
    resetEnvForTests({ SANDBOX_TOKEN: undefined });
    expect(await statuses({ headers: { "x-sandbox-token": "" } })).toEqual(every(403));
    expect((await call("GET", "/_control/access?token=")).status).toBe(403);
  });

  it("refuses a loopback peer that relays for someone (a proxy on this machine, no trusted hops), and a request of unknown origin", async () => {
    const relays: Record<string, string>[] = [{ "x-forwarded-for": OUTSIDER }, { "x-forwarded-for": `127.0.0.1, ${OUTSIDER}` }, { "x-real-ip": OUTSIDER }, { forwarded: `for=${OUTSIDER}` }];
    for (const relayed of relays) {
      expect(await statuses({ from: "127.0.0.1", headers: relayed }), JSON.stringify(relayed)).toEqual(every(403));
    }
    // What Next.js records itself when no proxy did: the socket's own loopback peer.
    expect(await statuses({ from: "127.0.0.1", headers: { "x-forwarded-for": "::ffff:127.0.0.1" } })).toEqual(successes());
    expect(await statuses({ from: "unknown" })).toEqual(every(403));
    resetEnvForTests({ TRUSTED_PROXY_HOPS: "1" });
    restartMountedSandboxForTests();
    // With a trusted proxy, the address already names the client beyond it.
    expect((await call("GET", "/_control/fixtures", { from: "127.0.0.1", headers: { "x-forwarded-for": "127.0.0.1" } })).status).toBe(200);
  });

  it("uses the same rule for the app's simulator pages", () => {
    resetEnvForTests({ SANDBOX_TOKEN: TOKEN });
    const headers = (address: string, more: Record<string, string> = {}) => new Headers({ [CLIENT_ADDRESS_HEADER]: address, ...more });
    expect(maySteerMountedSandbox(headers("127.0.0.1"))).toBe(true);
    expect(maySteerMountedSandbox(headers(OUTSIDER))).toBe(false);
    expect(maySteerMountedSandbox(headers(OUTSIDER, { "x-sandbox-token": TOKEN }))).toBe(true);
  });
});

describe("the mounted sandbox's SunCo API", () => {
  it("still answers SunCo credentials from anywhere: the app's own server calls it at its public URL", async () => {
    const answer = await call("GET", `/v2/apps/${ACME}`, { headers: { authorization: basicAuth(PUBLISHED_KEY) } });
    expect(answer.status).toBe(200);
    expect((await call("GET", `/v2/apps/${ACME}`)).status).toBe(401);
  });

  it("in production, seeds keys of its own: the published ones would let anyone read every webhook's secret", async () => {
    resetEnvForTests({ SUNBRIDGE_MODE: "production", DATABASE_URL: "postgres://db.invalid/x", SANDBOX_ENABLED: "true" });
    expect((await call("GET", `/v2/apps/${ACME}`, { headers: { authorization: basicAuth(PUBLISHED_KEY) } })).status).toBe(401);
    const fixtures = await (await call("GET", "/_control/fixtures", { from: "127.0.0.1" })).json();
    const key = fixtures.apps[0].appKeys[0];
    expect(key.id).toBe(PUBLISHED_KEY.id);
    expect(key.secret).not.toBe(PUBLISHED_KEY.secret);
    expect((await call("GET", `/v2/apps/${ACME}`, { headers: { authorization: basicAuth(key) } })).status).toBe(200);
    const other = resetEnvForTests({ SUNBRIDGE_MODE: "production", DATABASE_URL: "postgres://db.invalid/x", SANDBOX_ENABLED: "true", AUTH_SECRET: "another-instance-another-secret-0123456789" });
    restartMountedSandboxForTests();
    expect(other.isProduction).toBe(true);
    expect((await call("GET", `/v2/apps/${ACME}`, { headers: { authorization: basicAuth(key) } })).status).toBe(401);
  });

  it("creates webhooks for the app's own origin only, refusing others before it sends them anything", async () => {
    for (const target of ["http://10.0.0.1:6379/", "http://127.0.0.1:5432/", "https://evil.example/hook", "http://localhost:3998/x"]) {
      const answer = await call("POST", `/v2/apps/${ACME}/integrations`, {
        headers: { authorization: basicAuth(PUBLISHED_KEY) },
        json: { type: "custom", displayName: "Probe", webhooks: [{ target, triggers: ["conversation:message"] }] },
      });
      expect(answer.status, target).toBe(400);
      expect((await answer.json()).errors[0].title).toBe(`The sandbox only sends webhooks to ${APP_URL}, not to ${target}`);
    }
  });
});

describe("files the mounted sandbox serves", () => {
  async function upload(name: string, type: string, content: string): Promise<Response> {
    const form = new FormData();
    form.set("source", new File([content], name, { type }));
    const uploaded = await call("POST", `/v2/apps/${ACME}/attachments?access=public`, {
      headers: { authorization: basicAuth(PUBLISHED_KEY) },
      form,
    });
    expect(uploaded.status).toBe(201);
    const { mediaUrl } = (await uploaded.json()).attachment;
    return call("GET", new URL(mediaUrl).pathname.slice("/sandbox/sc".length));
  }

  it.each([
    ["page.html", "text/html", "<script>alert(document.cookie)</script>"],
    ["drawing.svg", "image/svg+xml", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["data.xml", "application/xhtml+xml", '<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>'],
    ["code.js", "text/javascript", "alert(1)"],
    ["sneaky.png", "text/html; charset=utf-8", "<script>alert(1)</script>"],
  ])("never render %s (%s) on the app's origin: a download of opaque bytes", async (name, type, content) => {
    const served = await upload(name, type, content);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("application/octet-stream");
    expect(served.headers.get("content-disposition")).toBe(`attachment; filename="${name}"`);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
    expect(await served.text()).toBe(content);
  });

  it("keep raster images inline with their type, so that the inbox's <img> shows them", async () => {
    const served = await upload("photo.png", "image/png", "\x89PNG");
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("content-disposition")).toBe('inline; filename="photo.png"');
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect(served.headers.get("content-security-policy")).toBe("sandbox; default-src 'none'");
  });

  it("an SVG an end user sends is a file message, not an image", async () => {
    const user = (await (await call("POST", `/_control/apps/${ACME}/end-users`, { from: "127.0.0.1", json: {} })).json()).user;
    const conversation = (await (await call("POST", `/_control/apps/${ACME}/end-users/${user.id}/conversations`, { from: "127.0.0.1", json: {} })).json()).conversation;
    const form = new FormData();
    form.set("userId", user.id);
    form.set("source", new File(["<svg/>"], "logo.svg", { type: "image/svg+xml" }));
    const sent = await call("POST", `/_control/conversations/${conversation.id}/files`, { from: "127.0.0.1", form });
    expect(sent.status).toBe(201);
    expect((await sent.json()).message.content.type).toBe("file");
  });
});
