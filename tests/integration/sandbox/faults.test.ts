import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basicAuth, startSandbox, type StartedSandbox } from "@/tests/support/sandbox-server";

let sandbox: StartedSandbox;

beforeAll(async () => {
  // Injected latency is in sandbox milliseconds: at 0.01, 20 000 of them are 200 real ones.
  sandbox = await startSandbox({ timeScale: 0.01 });
});
afterAll(() => sandbox.stop());
beforeEach(() => sandbox.control.reset());

function tokenInfo(init: RequestInit = {}) {
  const key = sandbox.fixtures.apps[0]!.appKeys[0]!;
  return fetch(`${sandbox.url}/v2/tokenInfo`, {
    ...init,
    headers: { authorization: basicAuth(key) },
  });
}

describe("fault injection", () => {
  it("the next N matching requests answer with the injected status, then the sandbox answers normally", async () => {
    await sandbox.control.failNext(3, 503, { method: "GET", path: "/v2/tokenInfo" });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await tokenInfo()).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
  });

  it("429 carries Retry-After and SunCo's error shape", async () => {
    await sandbox.control.failNext(1, 429, {}, 1);
    const response = await tokenInfo();
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toEqual({ errors: [{ code: "too_many_requests", title: "Too Many Requests" }] });
  });

  it("only requests matching the method and path glob are affected", async () => {
    await sandbox.control.failNext("always", 500, { method: "POST", path: "/v2/apps/*/conversations/**" });
    expect((await tokenInfo()).status).toBe(200);
    const response = await fetch(`${sandbox.url}/v2/apps/x/conversations/y/messages`, { method: "POST" });
    expect(response.status).toBe(500);
    expect(await sandbox.control.faults()).toHaveLength(1);
  });

  it("a fault for one app affects only requests for that app: by path, or by the credentials used", async () => {
    const [mine, theirs] = sandbox.fixtures.apps as [(typeof sandbox.fixtures.apps)[0], (typeof sandbox.fixtures.apps)[0]];
    await sandbox.control.failNext("always", 503, { appId: mine.id });
    const tokenInfoAs = (app: typeof mine) => fetch(`${sandbox.url}/v2/tokenInfo`, { headers: { authorization: basicAuth(app.appKeys[0]!) } });
    const getApp = (app: typeof mine) => fetch(`${sandbox.url}/v2/apps/${app.id}`, { headers: { authorization: basicAuth(theirs.appKeys[0]!) } });
    expect((await tokenInfoAs(theirs)).status).toBe(200);
    expect((await tokenInfoAs(mine)).status).toBe(503);
    // In the path, even with another app's credentials (which alone would answer 403).
    expect((await getApp(mine)).status).toBe(503);
    expect((await getApp(theirs)).status).toBe(200);
  });

  it("a hanging request never answers; the client has to give up", async () => {
    await sandbox.control.hangNext(1);
    await expect(tokenInfo({ signal: AbortSignal.timeout(150) })).rejects.toThrow(/aborted|timeout/i);
    expect((await tokenInfo()).status).toBe(200);
  });

  it("latency delays the answer past a client's timeout, scaled by the time scale", async () => {
    await sandbox.control.delayNext(1, 30_000);
    await expect(tokenInfo({ signal: AbortSignal.timeout(100) })).rejects.toThrow(/aborted|timeout/i);
    await sandbox.control.delayNext(1, 1);
    expect((await tokenInfo()).status).toBe(200);
  });

  it("never affects /_control, and clearing removes every fault", async () => {
    await sandbox.control.failNext("always", 503);
    expect((await sandbox.control.fixtures()).apps).toHaveLength(2);
    await sandbox.control.clearFaults();
    expect((await tokenInfo()).status).toBe(200);
  });

  it("rejects a malformed fault with a 400 naming the problem", async () => {
    const response = await fetch(`${sandbox.url}/_control/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ times: 0, respond: { status: 200 } }),
    });
    expect(response.status).toBe(400);
    const { errors } = await response.json();
    expect(errors.map((e: { title: string }) => e.title)).toContain("times must be at least 1");
  });
});

describe("the clock", () => {
  it("moves forward for tests, and back to the real time when reset", async () => {
    const advanced = Date.parse((await sandbox.control.advanceClock(60 * 60_000)).now);
    expect(advanced - Date.now()).toBeGreaterThan(59 * 60_000);
    const reset = Date.parse((await sandbox.control.resetClock()).now);
    expect(Math.abs(reset - Date.now())).toBeLessThan(5_000);
  });
});
