// The transport under every failure a real network produces, against a scripted local HTTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { authorizerFor } from "@/lib/sunco/auth";
import type { SuncoCallEvent } from "@/lib/sunco/observer";
import type { RetryPolicy } from "@/lib/sunco/retry-policy";
import type { HttpExchange } from "@/lib/sunco/exchange";
import { fetchExchange, undiciExchange } from "@/lib/sunco/http";
import { createTransport, type TransportConfig } from "@/lib/sunco/transport";
import { startScriptedServer, type ScriptedServer } from "@/tests/support/scripted-server";
import { suncoFailure } from "@/tests/support/sunco-client";

const SECRET = "key-secret-that-must-never-leak";
const fastRetries: RetryPolicy = { maxAttempts: 5, baseDelayMs: 10, maxDelayMs: 50, budgetMs: 5_000, settleMs: 20 };
const user = z.object({ user: z.object({ id: z.string(), externalId: z.string().optional() }) });
const empty = z.object({});

let server: ScriptedServer;
let events: SuncoCallEvent[];

beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.reset();
  events = [];
});

// Both ways a request can go out: undici (the default) and an injected fetch.
const exchanges: [string, HttpExchange][] = [
  ["undici", undiciExchange],
  ["fetch", fetchExchange(globalThis.fetch)],
];

describe.each(exchanges)("over %s,", (_name, exchange) => {
  function transport(overrides: Partial<TransportConfig> = {}) {
    return createTransport({
      baseUrl: server.url + "/sc",
      authorize: authorizerFor({ type: "basic", keyId: "app_1", secret: SECRET }),
      exchange,
      marketplace: {},
      timeoutMs: 2_000,
      retry: fastRetries,
      observer: { onCall: (event) => events.push(event) },
      ...overrides,
    });
  }

  const getUser = { operation: "GetUser", method: "GET", path: "/v2/apps/a1/users/u1", response: user } as const;
  const createUser = { operation: "CreateUser", method: "POST", path: "/v2/apps/a1/users", body: {}, response: user } as const;

  describe("requests", () => {
    it("send credentials, JSON and the query, and parse the answer", async () => {
      server.script({ status: 201, body: { user: { id: "u1", externalId: "e1", extra: "tolerated" } } });
      const result = await transport().call({
        ...createUser,
        query: { "filter[types]": ["custom", "web"], "page[after]": undefined, brandId: 7 },
        body: { externalId: "e1" },
      });
      expect(result).toEqual({ user: { id: "u1", externalId: "e1" } });
      const [request] = server.requests;
      expect(request!.method).toBe("POST");
      expect(request!.url).toBe("/sc/v2/apps/a1/users?filter%5Btypes%5D=custom%2Cweb&brandId=7");
      expect(request!.headers.authorization).toBe(`Basic ${Buffer.from(`app_1:${SECRET}`).toString("base64")}`);
      expect(request!.headers["content-type"]).toBe("application/json");
      expect(JSON.parse(request!.body)).toEqual({ externalId: "e1" });
      expect(events).toEqual([
        { operation: "CreateUser", method: "POST", status: 201, durationMs: expect.any(Number), attempt: 1, outcome: "success" },
      ]);
    });

    it("decode a compressed answer", async () => {
      server.script({ status: 200, body: { user: { id: "u1" } }, gzip: true });
      expect(await transport().call(getUser)).toEqual({ user: { id: "u1" } });
      expect(server.requests[0]!.headers["accept-encoding"]).toMatch(/gzip/);
    });

    it("send the marketplace headers on every call when configured, and none when not", async () => {
      await transport({ marketplace: { name: "Acme Bridge", organizationId: "42", appId: "777" } }).call({
        ...getUser,
        response: empty,
      });
      await transport().call({ ...getUser, response: empty });
      expect(server.requests[0]!.headers).toMatchObject({
        "x-zendesk-marketplace-name": "Acme Bridge",
        "x-zendesk-marketplace-organization-id": "42",
        "x-zendesk-marketplace-app-id": "777",
      });
      expect(Object.keys(server.requests[1]!.headers).filter((name) => name.startsWith("x-zendesk"))).toEqual([]);
    });
  });

  describe("errors", () => {
    it("carry status, SunCo's codes and titles, the operation and the request id", async () => {
      server.script({
        status: 404,
        headers: { "x-zendesk-request-id": "req-123" },
        body: { errors: [{ code: "user_not_found", title: "User not found" }] },
      });
      const error = await suncoFailure(transport().call(getUser));
      expect(error).toMatchObject({
        kind: "not_found",
        status: 404,
        operation: "GetUser",
        requestId: "req-123",
        code: "user_not_found",
        errors: [{ code: "user_not_found", title: "User not found" }],
        attempts: 1,
      });
      expect(error.message).toBe("SunCo GetUser failed: HTTP 404, User not found (user_not_found)");
    });

    it("make a 401 an auth failure, so the connection can be marked for re-authorization, without retrying", async () => {
      server.script({ status: 401, body: { errors: [{ code: "unauthorized", title: "Authorization is required" }] } });
      const error = await suncoFailure(transport().call(getUser));
      expect(error.kind).toBe("auth");
      expect(server.requests).toHaveLength(1);
    });

    it("do not retry other client errors", async () => {
      server.script({ status: 400, body: { errors: [{ code: "bad_request", title: "a" }, { code: "bad_request", title: "b" }] } });
      const error = await suncoFailure(transport().call(createUser));
      expect(error).toMatchObject({ kind: "client", status: 400 });
      expect(error.errors).toHaveLength(2);
      expect(server.requests).toHaveLength(1);
    });

    it("name the missing field when a response does not match its schema", async () => {
      server.script({ status: 200, body: { user: { externalId: "e1" } } });
      const error = await suncoFailure(transport().call(getUser));
      expect(error.kind).toBe("invalid_response");
      expect(error.message).toContain("user.id");
    });

    it("refuse a redirect, which SunCo never sends, without following or retrying it", async () => {
      server.script({ status: 301, headers: { location: "https://elsewhere.example/sc/v2/apps/a1/users/u1?token=x" } });
      const error = await suncoFailure(transport().call(getUser));
      expect(error).toMatchObject({ kind: "invalid_response", status: 301, attempts: 1 });
      expect(error.message).toContain("redirected to https://elsewhere.example/sc/v2/apps/a1/users/u1: check the SunCo base URL");
      expect(server.requests).toHaveLength(1);
    });

    it("report a body that is not JSON as an invalid response", async () => {
      server.script({ status: 200, body: "<html>gateway</html>" });
      expect((await suncoFailure(transport().call(getUser))).kind).toBe("invalid_response");
    });

    it("never carry the secret in messages or observer events", async () => {
      server.script({ status: 500, body: { errors: [{ code: "oops", title: "Server error" }] } });
      const error = await suncoFailure(transport({ retry: { ...fastRetries, maxAttempts: 1 } }).call(createUser));
      const seen = JSON.stringify({ message: error.message, stack: error.stack, error, events });
      expect(seen).not.toContain(SECRET);
      expect(seen).not.toContain(Buffer.from(`app_1:${SECRET}`).toString("base64"));
    });
  });

  describe("retries", () => {
    it("outlast three 503s: one call succeeds on the fourth request", async () => {
      server.script({ status: 503 }, { status: 503 }, { status: 503 }, { status: 200, body: { user: { id: "u1" } } });
      expect(await transport().call(getUser)).toEqual({ user: { id: "u1" } });
      expect(server.requests).toHaveLength(4);
      expect(events.map((event) => [event.attempt, event.outcome, event.status])).toEqual([
        [1, "retry", 503],
        [2, "retry", 503],
        [3, "retry", 503],
        [4, "success", 200],
      ]);
    });

    it("wait as long as Retry-After asks on a 429", async () => {
      server.script({ status: 429, headers: { "retry-after": "1" } }, { status: 200, body: { user: { id: "u1" } } });
      await transport().call(getUser);
      const [first, second] = server.requests;
      expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(1_000);
      expect(events[0]).toMatchObject({ outcome: "retry", errorKind: "rate_limited" });
    });

    it("give up at once, rate limited, when Retry-After is beyond the time budget", async () => {
      server.script({ status: 429, headers: { "retry-after": "3600" } });
      const error = await suncoFailure(transport().call(getUser));
      expect(error).toMatchObject({ kind: "rate_limited", status: 429, attempts: 1, retryAfterMs: 3_600_000 });
    });

    it("give up after the last attempt with the last failure", async () => {
      server.script(...Array.from({ length: 5 }, () => ({ status: 502 })));
      const error = await suncoFailure(transport().call(getUser));
      expect(error).toMatchObject({ kind: "server", status: 502, attempts: 5 });
      expect(events.at(-1)).toMatchObject({ attempt: 5, outcome: "failure", errorKind: "server" });
    });

    it("retry a request that timed out, when repeating it is harmless", async () => {
      server.script({ status: 200, delayMs: 500, body: { user: { id: "late" } } }, { status: 200, body: { user: { id: "u1" } } });
      expect(await transport({ timeoutMs: 100 }).call(getUser)).toEqual({ user: { id: "u1" } });
      expect(events[0]).toMatchObject({ outcome: "retry", errorKind: "timeout", status: null });
    });

    it("retry a dropped connection, when repeating it is harmless", async () => {
      server.script({ hangUp: true });
      await transport().call({ ...getUser, response: empty });
      expect(server.requests).toHaveLength(2);
      expect(events[0]).toMatchObject({ outcome: "retry", errorKind: "network" });
    });

    it("retry when nothing listens, since the request never left", async () => {
      const closed = await startScriptedServer();
      await closed.close();
      const error = await suncoFailure(
        transport({ baseUrl: closed.url }).call({ ...createUser, options: { retry: { ...fastRetries, maxAttempts: 2 } } }),
      );
      expect(error).toMatchObject({ kind: "network", attempts: 2, mayHaveSucceeded: false });
    });

    it("do not repeat a create after a failure that may have reached SunCo", async () => {
      server.script({ status: 500 });
      const error = await suncoFailure(transport().call(createUser));
      expect(error).toMatchObject({ kind: "server", attempts: 1, mayHaveSucceeded: true });
      expect(server.requests).toHaveLength(1);
    });

    it("do not repeat a create that timed out, and say it may have succeeded", async () => {
      server.script({ status: 201, delayMs: 400, body: { user: { id: "u1" } } });
      const error = await suncoFailure(transport({ timeoutMs: 100 }).call(createUser));
      expect(error).toMatchObject({ kind: "timeout", status: null, mayHaveSucceeded: true });
      expect(error.message).toBe("SunCo CreateUser failed: timeout, no response within 100 ms");
    });

    it("repeat a create refused with 503 or 429, which SunCo did not act on", async () => {
      server.script({ status: 503 }, { status: 429 }, { status: 201, body: { user: { id: "u1" } } });
      expect(await transport().call(createUser)).toEqual({ user: { id: "u1" } });
      expect(server.requests).toHaveLength(3);
    });

    it("look for the outcome of a lost request before repeating it, and stop there when it is found", async () => {
      server.script({ status: 201, delayMs: 400, body: { user: { id: "u1" } } });
      let lookups = 0;
      const result = await transport({ timeoutMs: 100 }).call({
        ...createUser,
        recover: async () => {
          lookups++;
          return { user: { id: "found" } };
        },
      });
      expect(result).toEqual({ user: { id: "found" } });
      expect(lookups).toBe(1);
      expect(server.requests).toHaveLength(1);
    });

    it("repeat a lost request when the lookup finds nothing, and give up when the lookup fails", async () => {
      server.script({ status: 502 }, { status: 201, body: { user: { id: "u1" } } });
      expect(await transport().call({ ...createUser, recover: async () => undefined })).toEqual({ user: { id: "u1" } });
      expect(server.requests).toHaveLength(2);

      server.script({ status: 502 });
      const error = await suncoFailure(
        transport().call({
          ...createUser,
          recover: () => Promise.reject(new Error("lookup failed")),
        }),
      );
      expect(error).toMatchObject({ kind: "server", mayHaveSucceeded: true });
      expect(server.requests).toHaveLength(3);
    });

    it("stop retrying when the caller cancels, with the caller's reason", async () => {
      server.script(...Array.from({ length: 5 }, () => ({ status: 503, headers: { "retry-after": "2" } })));
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error("caller gave up")), 200);
      await expect(transport().call({ ...getUser, options: { signal: controller.signal } })).rejects.toThrow("caller gave up");
      expect(server.requests).toHaveLength(1);
    });
  });
});
