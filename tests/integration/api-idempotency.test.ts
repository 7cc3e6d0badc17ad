// Idempotency-Key on POST /api/v1/conversations/:id/messages: concurrent and repeated sends with one key and body send
// once and all get the first answer; a different body under a used key is refused; a key past its 24 hours is new.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { pruneIdempotencyKeys } from "@/lib/api";
import { db, sql } from "@/lib/db";
import { deliverOutboxMessage } from "@/lib/outbox";
import * as messagesRoute from "@/app/api/v1/conversations/[conversationId]/messages/route";
import { apiKeyFor, callApi } from "../support/api";
import { withTestDatabase } from "../support/database";
import { withSandboxTenant } from "../support/sandbox-tenant";

withTestDatabase();
const tenant = withSandboxTenant();

let key: string;
beforeAll(async () => {
  key = (await apiKeyFor(tenant.owner, ["send"])).key;
});

const send = (idempotencyKey: string, body: unknown) =>
  callApi(messagesRoute.POST, `/api/v1/conversations/${tenant.conversationId}/messages`, { conversationId: tenant.conversationId }, {
    key,
    body,
    headers: { "Idempotency-Key": idempotencyKey },
  });

/** Sends what the outbox holds for the conversation, as its worker would, and counts the texts at the sandbox. */
async function copiesAtSunco(text: string) {
  const pending = await db().outboxMessage.findMany({ where: { conversationId: tenant.conversationId, state: "pending" } });
  for (const row of pending) await deliverOutboxMessage(row.id);
  const { messages } = await tenant.sandbox.control.conversation(tenant.suncoConversationId);
  return messages.filter((message) => (message as { content?: { text?: string } }).content?.text === text).length;
}

describe("Idempotency-Key", () => {
  it("sends once for 20 concurrent requests with one key and body, and gives all 20 the same answer", async () => {
    const idempotencyKey = randomUUID();
    const text = `Concurrent ${idempotencyKey}`;
    const answers = await Promise.all(Array.from({ length: 20 }, () => send(idempotencyKey, { text })));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(201));
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    expect(answers.filter((answer) => answer.headers.get("idempotent-replayed") === "true")).toHaveLength(19);
    expect(await db().outboxMessage.count({ where: { conversationId: tenant.conversationId, body: { path: ["content", "text"], equals: text } } })).toBe(1);
    expect(await copiesAtSunco(text)).toBe(1);
  });

  it("answers a repeat within 24 hours with the first answer, and sends nothing again", async () => {
    const idempotencyKey = randomUUID();
    const text = `Repeated ${idempotencyKey}`;
    const first = await send(idempotencyKey, { text });
    expect(await copiesAtSunco(text)).toBe(1);
    const again = await send(idempotencyKey, { text });
    expect(again).toMatchObject({ status: 201, text: first.text });
    expect(await copiesAtSunco(text)).toBe(1);
  });

  it("refuses a different body under a used key with 422, and sends nothing", async () => {
    const idempotencyKey = randomUUID();
    await send(idempotencyKey, { text: "The first body" });
    const other = await send(idempotencyKey, { text: "Another body" });
    expect(other.status).toBe(422);
    expect(other.body).toMatchObject({ type: "/docs/api#problem-idempotency-key-reused", errors: { "Idempotency-Key": ["was used with a different request"] } });
    expect(await copiesAtSunco("Another body")).toBe(0);
  });

  it("keeps a client error as the key's answer too", async () => {
    const idempotencyKey = randomUUID();
    const missing = randomUUID();
    const call = () =>
      callApi(messagesRoute.POST, `/api/v1/conversations/${missing}/messages`, { conversationId: missing }, { key, body: { text: "Hi" }, headers: { "Idempotency-Key": idempotencyKey } });
    const first = await call();
    expect(first.status).toBe(404);
    expect(await call()).toMatchObject({ status: 404, text: first.text });
  });

  it("treats a key past its 24 hours as new, and housekeeping deletes it", async () => {
    const idempotencyKey = randomUUID();
    const text = `Old key ${idempotencyKey}`;
    const first = await send(idempotencyKey, { text });
    await sql().query(`UPDATE "ApiIdempotencyKey" SET "createdAt" = now() - interval '25 hours' WHERE "key" = $1`, [idempotencyKey]);
    const again = await send(idempotencyKey, { text });
    expect(again.status).toBe(201);
    expect((again.body as { id: string }).id).not.toBe((first.body as { id: string }).id);
    expect(await copiesAtSunco(text)).toBe(2);

    await sql().query(`UPDATE "ApiIdempotencyKey" SET "createdAt" = now() - interval '25 hours' WHERE "key" = $1`, [idempotencyKey]);
    expect(await pruneIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db().apiIdempotencyKey.count({ where: { key: idempotencyKey } })).toBe(0);
  });

  it("refuses a malformed Idempotency-Key, naming the header", async () => {
    const answer = await send("x".repeat(256), { text: "Hi" });
    expect(answer).toMatchObject({ status: 422, body: { errors: { "Idempotency-Key": [expect.any(String)] } } });
  });
});
