// The sandbox wherever it runs: its control plane trusts the peer the server saw (loopback) or the token, webhooks and
// their HEAD checks go only where its rules allow, and the delivery log never repeats what a target answered.
import { afterEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox, type SandboxOptions } from "@/lib/sandbox/sandbox";
import { basicAuth } from "@/tests/support/sandbox-server";

const APP_URL = "http://127.0.0.1:9";
const OUTSIDER = "203.0.113.9";
const TOKEN = "standalone-sandbox-token-0123456789";
/** What every target answers: something a port scanner would love to read. */
const TARGET_ANSWER = "redis_version:7.2.4 requirepass hunter2";

let running: Sandbox | undefined;
afterEach(() => running?.stop());

function start(options: Partial<SandboxOptions> = {}) {
  const sent: string[] = [];
  const http = (async (input: RequestInfo | URL, init?: RequestInit) => {
    sent.push(`${init?.method ?? "GET"} ${String(input)}`);
    return new Response(TARGET_ANSWER, { status: 200 });
  }) as typeof fetch;
  running = createSandbox({ appUrl: APP_URL, timeScale: 0.001, http, ...options });
  const sandbox = running;
  const request = async (method: string, path: string, options: { from?: string; headers?: Record<string, string>; json?: unknown } = {}) => {
    const headers = { ...(options.json === undefined ? {} : { "content-type": "application/json" }), ...options.headers };
    const body = options.json === undefined ? undefined : JSON.stringify(options.json);
    const response = await sandbox.fetch(new Request(`http://sandbox.test${path}`, { method, headers, body }), options.from === undefined ? undefined : { address: options.from });
    return { status: response.status, headers: response.headers, body: await response.text() };
  };
  const app = sandbox.fixtures.apps[0]!;
  const asApp = { authorization: basicAuth(app.appKeys[0]!) };
  const customIntegration = (target: string) =>
    request("POST", `/v2/apps/${app.id}/integrations`, {
      headers: asApp,
      json: { type: "custom", displayName: "Hook", webhooks: [{ target, triggers: ["conversation:message"] }] },
    });
  /** An end user writes, through the simulator's API, from this machine. */
  const endUserWrites = async () => {
    const local = { from: "127.0.0.1" };
    const user = JSON.parse((await request("POST", `/_control/apps/${app.id}/end-users`, { ...local, json: {} })).body).user;
    const path = `/_control/apps/${app.id}/end-users/${user.id}/conversations`;
    const conversation = JSON.parse((await request("POST", path, { ...local, json: {} })).body).conversation;
    const sentMessage = await request("POST", `/_control/conversations/${conversation.id}/messages`, {
      ...local,
      json: { userId: user.id, content: { type: "text", text: "Hello" } },
    });
    expect(sentMessage.status).toBe(201);
  };
  const finishedDeliveries = async () => {
    for (let i = 0; i < 200; i++) {
      const deliveries = sandbox.context.state.deliveries.all();
      if (deliveries.length > 0 && deliveries.every((d) => d.state === "delivered" || d.state === "failed")) return deliveries;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error("The deliveries never finished");
  };
  return { sandbox, sent, request, customIntegration, endUserWrites, finishedDeliveries };
}

describe("the sandbox's control plane, served on its own", () => {
  it("answers the socket's loopback peer, however written, and nobody else without the token", async () => {
    const { request } = start({ access: { token: TOKEN } });
    for (const from of ["127.0.0.1", "::1", "::ffff:127.0.0.1", "127.8.9.10"]) expect((await request("GET", "/_control/fixtures", { from })).status, from).toBe(200);
    for (const from of [OUTSIDER, "10.0.0.7", "::ffff:10.0.0.7", "fe80::1", "unknown"]) expect((await request("GET", "/_control/fixtures", { from })).status, from).toBe(403);
    expect((await request("GET", "/_control/fixtures")).status).toBe(403);
    expect((await request("GET", "/_control/fixtures", { from: OUTSIDER, headers: { "x-sandbox-token": TOKEN } })).status).toBe(200);
  });

  it("lets a browser elsewhere in with a cookie for the whole sandbox, Secure on https", async () => {
    const { request } = start({ access: { token: TOKEN }, publicUrl: "https://sandbox.example" });
    const visit = await request("GET", `/_control/access?token=${TOKEN}`, { from: OUTSIDER });
    expect(visit.status).toBe(200);
    expect(visit.body).toBe("Sandbox access granted to this browser.\n");
    expect(visit.headers.get("set-cookie")).toMatch(/^sunbridge_sandbox_access=[\w-]+; Path=\/; HttpOnly; SameSite=Lax; Secure$/);
    const cookie = visit.headers.get("set-cookie")!.split(";")[0]!;
    expect((await request("GET", "/_control/deliveries", { from: OUTSIDER, headers: { cookie } })).status).toBe(200);
  });
});

describe("webhook targets", () => {
  it("are the app's origin, this machine and allowed origins; anything else is refused before any request", async () => {
    const { customIntegration, sent } = start({ webhookTargets: { loopback: true, origins: ["http://partner.test:8080"] } });
    for (const target of ["http://10.0.0.1:6379/", "https://evil.example/", "http://partner.test:8081/hook", "https://127.0.0.1.evil.example/"]) {
      const refused = await customIntegration(target);
      expect(refused.status, target).toBe(400);
      expect(JSON.parse(refused.body).errors[0].title).toBe(
        `The sandbox only sends webhooks to ${APP_URL}, http://partner.test:8080, or any port on this machine, not to ${target}`,
      );
    }
    expect(sent).toEqual([]);

    for (const target of [`${APP_URL}/hook`, "http://partner.test:8080/hook", "http://127.0.0.1:4567/hook", "http://localhost:4567/hook", "http://[::1]:4567/hook"]) {
      expect((await customIntegration(target)).status, target).toBe(201);
    }
    expect(sent.every((line) => line.startsWith("HEAD "))).toBe(true);
    expect(sent).toHaveLength(5);
  });

  it("of a sandbox without loopback targets (mounted in the app) are the app's origin only", async () => {
    const { customIntegration, sent } = start();
    expect((await customIntegration("http://127.0.0.1:4567/hook")).status).toBe(400);
    expect((await customIntegration(`${APP_URL}/api/webhooks/sunco/c1`)).status).toBe(201);
    expect(sent).toEqual([`HEAD ${APP_URL}/api/webhooks/sunco/c1`]);
  });

  it("are checked again at delivery: a target outside the rules (saved by an older version) gets nothing", async () => {
    const { sandbox, customIntegration, endUserWrites, finishedDeliveries, sent } = start();
    const created = JSON.parse((await customIntegration(`${APP_URL}/hook`)).body).integration;
    sandbox.context.state.webhooks.get(created.webhooks[0].id)!.target = "http://169.254.169.254/latest/meta-data";
    await endUserWrites();
    const [delivery] = await finishedDeliveries();
    expect(delivery).toMatchObject({ state: "failed", attempts: [{ status: null, error: `The sandbox only sends to ${APP_URL}` }] });
    expect(sent.filter((line) => line.startsWith("POST"))).toEqual([]);
  });
});

describe("the delivery log", () => {
  it("keeps each attempt's status but nothing of what the target answered", async () => {
    const { request, customIntegration, endUserWrites, finishedDeliveries } = start();
    await customIntegration(`${APP_URL}/hook`);
    await endUserWrites();
    const [delivery] = await finishedDeliveries();
    expect(delivery!.state).toBe("delivered");
    expect(delivery!.attempts.map((attempt) => attempt.status)).toEqual([200]);
    const log = await request("GET", "/_control/deliveries", { from: "127.0.0.1" });
    expect(log.status).toBe(200);
    expect(log.body).not.toContain("hunter2");
    expect(JSON.stringify(delivery)).not.toContain("hunter2");
  });
});
