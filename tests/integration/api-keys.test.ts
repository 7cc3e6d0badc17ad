// API keys: created with a secret shown once and stored only as a hash, listed with their state, revoked; every create,
// revoke and refused use audited (refusals at most 20 per key per hour); the last use recorded at most once a minute;
// and the /api/v1 framework's per-key rate limit (429, Retry-After, RateLimit-* headers).
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "@/lib/api-keys";
import type { MemberContext } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import * as connectionsRoute from "@/app/api/v1/connections/route";
import * as conversationsRoute from "@/app/api/v1/conversations/route";
import { apiKeyFor, callApi } from "../support/api";
import { addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";

withTestDatabase();

let owner: MemberContext;
let agent: MemberContext;
beforeAll(async () => {
  const { organization, owner: user } = await createOrganization();
  owner = await memberContext(user.id, organization.id);
  agent = await memberContext((await addMember(organization.id, "agent")).id, organization.id);
});

afterEach(() => {
  resetEnvForTests();
});

const list = (key: string | null) => callApi(connectionsRoute.GET, "/api/v1/connections", {}, { key });
const audits = (action: string) => db().auditEvent.findMany({ where: { organizationId: owner.organization.id, action }, orderBy: { id: "asc" } });

describe("managing keys", () => {
  it("shows the secret once, stores only its hash, and audits the creation", async () => {
    const { key, apiKey } = await createApiKey(owner, { name: "Billing backend", scopes: ["read", "send"] });
    expect(key).toMatch(/^sbk_[a-z0-9]{12}_[\w-]{43}$/);
    const row = await db().apiKey.findUniqueOrThrow({ where: { id: apiKey.id } });
    expect(JSON.stringify(row)).not.toContain(key.slice(17));
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await list(key)).status).toBe(200);
    expect((await audits("api_key.created")).at(-1)).toMatchObject({ actorId: owner.actor.id, target: `Billing backend (${apiKey.prefix})`, result: "success" });
  });

  it("lists keys with their state, and refuses agents", async () => {
    const { apiKey } = await createApiKey(owner, { name: "To revoke", scopes: ["read"] });
    await revokeApiKey(owner, apiKey.id);
    const listed = await listApiKeys(owner);
    expect(listed.find((key) => key.id === apiKey.id)).toMatchObject({ state: "revoked", createdByName: owner.actor.name, scopes: ["read"] });
    expect(JSON.stringify(listed)).not.toContain("secretHash");
    await expect(listApiKeys(agent)).rejects.toThrow("Only owners and admins can see API keys.");
    await expect(createApiKey(agent, { name: "Mine", scopes: ["read"] })).rejects.toThrow("Only owners and admins can create API keys.");
    await expect(revokeApiKey(agent, apiKey.id)).rejects.toThrow("Only owners and admins can revoke API keys.");
  });

  it("stops a revoked key at once, and audits the revocation and the refused use", async () => {
    const { key, id, prefix } = await apiKeyFor(owner, ["read"], "Revoked soon");
    expect((await list(key)).status).toBe(200);
    await revokeApiKey(owner, id);
    expect((await audits("api_key.revoked")).at(-1)).toMatchObject({ target: `Revoked soon (${prefix})`, after: { state: "revoked" } });
    const refused = await list(key);
    expect(refused).toMatchObject({ status: 401, body: { type: "/docs/api#problem-unauthenticated" } });
    expect((await audits("api_key.refused")).at(-1)).toMatchObject({ actorLabel: `API key "Revoked soon" (${prefix})`, result: "failure", error: "API key refused: the key is revoked." });
  });

  it("audits at most 20 refused uses of one key an hour", async () => {
    const { key, id } = await apiKeyFor(owner, ["read"], "Flooded");
    await revokeApiKey(owner, id);
    const before = (await audits("api_key.refused")).length;
    for (let i = 0; i < 25; i++) expect((await list(key)).status).toBe(401);
    expect((await audits("api_key.refused")).length - before).toBe(20);
  });

  it("audits a use without the scope, and answers 403 naming it", async () => {
    const { key } = await apiKeyFor(owner, ["send"], "Sender only");
    const answer = await callApi(conversationsRoute.GET, "/api/v1/conversations", {}, { key });
    expect(answer).toMatchObject({ status: 403, body: { type: "/docs/api#problem-missing-scope", detail: expect.stringContaining("read scope") } });
    expect((await audits("api_key.refused")).at(-1)).toMatchObject({ error: "API key refused: it lacks the read scope (listConversations)." });
  });

  it("refuses a key that is unknown, malformed or has a wrong secret, in the same words", async () => {
    const { key } = await apiKeyFor(owner, ["read"], "Real");
    const answers = await Promise.all([list(null), list("sbk_aaaaaaaaaaaa_" + "A".repeat(43)), list("not a key"), list(key.slice(0, -1) + (key.endsWith("A") ? "B" : "A"))]);
    expect(new Set(answers.map((answer) => JSON.stringify({ status: answer.status, detail: (answer.body as { detail: string }).detail })))).toEqual(
      new Set([JSON.stringify({ status: 401, detail: "Send a valid API key as Authorization: Bearer <key>." })]),
    );
  });

  it("records the last use at most once a minute", async () => {
    const { key, id } = await apiKeyFor(owner, ["read"], "Busy");
    await list(key);
    const first = (await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await list(key);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt).toEqual(first);
    await db().apiKey.update({ where: { id }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    await list(key);
    expect((await db().apiKey.findUniqueOrThrow({ where: { id } })).lastUsedAt!.getTime()).toBeGreaterThan(Date.now() - 5000);
  });
});

describe("the per-key rate limit", () => {
  it("answers 429 with Retry-After past the limit, with RateLimit headers on every answer, per key", async () => {
    resetEnvForTests({ API_RATE_LIMIT_PER_MINUTE: "3" });
    const { key } = await apiKeyFor(owner, ["read"], "Limited");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await list(key));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((answer) => answer.headers.get("ratelimit-remaining"))).toEqual(["2", "1", "0", "0"]);
    expect(answers[0]!.headers.get("ratelimit-limit")).toBe("3");
    expect(answers[0]!.headers.get("ratelimit-policy")).toBe("3;w=60");
    const limited = answers[3]!;
    expect(limited.body).toMatchObject({ type: "/docs/api#problem-rate-limited", status: 429 });
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    const other = await apiKeyFor(owner, ["read"], "Unlimited");
    expect((await list(other.key)).status).toBe(200);
  });
});
