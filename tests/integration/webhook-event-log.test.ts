// The event log of a connection: what its owners and admins see of received events, and replaying them.
import { beforeAll, describe, expect, it } from "vitest";
import { replayEventAction, replayFailedAction } from "@/app/(app)/connections/[connectionId]/events/actions";
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import { drainWebhookEvents, listWebhookEvents, replayFailedWebhookEvents, replayWebhookEvent } from "@/lib/webhooks";
import { actAs, addMember, createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createWebhookConnection, deliver, suncoId, userMessageEvent, type TestConnection } from "../support/webhooks";

withTestDatabase();

let connection: TestConnection;
let owner: MemberContext;
let ownerId: string;

beforeAll(async () => {
  const { organization, owner: person } = await createOrganization();
  ownerId = person.id;
  owner = await memberContext(person.id, organization.id);
  connection = await createWebhookConnection({ organizationId: organization.id });
});

const eventRow = (suncoEventId: string) =>
  db().webhookEvent.findFirstOrThrow({ where: { connectionId: connection.id, suncoEventId } });

async function failedEvent() {
  const event = { id: suncoId(), type: "conversation:message", createdAt: new Date().toISOString(), payload: { conversation: { id: "x" } } };
  expect((await deliver(connection, [event])).status).toBe(200);
  await drainWebhookEvents();
  return eventRow(event.id);
}

describe("the event log", () => {
  it("lists a connection's events newest first, with state, latency and the raw event with secrets masked", async () => {
    const message = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    const withSecret = {
      id: suncoId(),
      type: "client:update",
      createdAt: new Date().toISOString(),
      payload: {
        user: { id: suncoId() },
        client: { id: suncoId(), type: "twilio", status: "active", raw: { authToken: "twilio-auth-token-1234" } },
      },
    };
    await deliver(connection, [message, withSecret]);
    await drainWebhookEvents();
    const log = await listWebhookEvents(owner, connection.id, {});
    expect(log.entries.slice(0, 2).map((e) => e.suncoEventId)).toEqual([withSecret.id, message.id]);
    const entry = log.entries[0]!;
    expect(entry).toMatchObject({ type: "client:update", state: "processed", attempts: 1 });
    expect(entry.latencyMs).toBeGreaterThanOrEqual(0);
    expect(entry.raw).toContain("••••1234");
    expect(entry.raw).not.toContain("twilio-auth-token-1234");
  });

  it("filters by type, state and time, and pages back through older events", async () => {
    const failed = await failedEvent();
    const byState = await listWebhookEvents(owner, connection.id, { state: "failed" });
    expect(byState.entries.map((e) => e.id)).toContain(failed.id.toString());
    expect(byState.entries.every((e) => e.state === "failed")).toBe(true);
    const byType = await listWebhookEvents(owner, connection.id, { type: "client:update" });
    expect(byType.entries.every((e) => e.type === "client:update")).toBe(true);
    const future = await listWebhookEvents(owner, connection.id, { from: new Date(Date.now() + 3600_000) });
    expect(future.entries).toEqual([]);

    for (let n = 0; n < 60; n++) await deliver(connection, [userMessageEvent({ conversationId: suncoId(), userId: suncoId() })]);
    const first = await listWebhookEvents(owner, connection.id, {});
    expect(first.entries).toHaveLength(50);
    const second = await listWebhookEvents(owner, connection.id, { after: first.next! });
    const ids = [...first.entries, ...second.entries].map((e) => BigInt(e.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)));
    expect(ids.length).toBe(await db().webhookEvent.count({ where: { connectionId: connection.id } }));
  });

  it("does not show another organization's connection", async () => {
    const { organization, owner: stranger } = await createOrganization();
    const other = await memberContext(stranger.id, organization.id);
    await expect(listWebhookEvents(other, connection.id, {})).rejects.toBeInstanceOf(NotFoundError);
    await expect(replayWebhookEvent(other, connection.id, "1")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("replay", () => {
  it("processes an event again without duplicating anything, and records who asked", async () => {
    const event = userMessageEvent({ conversationId: suncoId(), userId: suncoId() });
    await deliver(connection, [event]);
    await drainWebhookEvents();
    const stored = await eventRow(event.id);
    await replayWebhookEvent(owner, connection.id, stored.id.toString());
    expect(await eventRow(event.id)).toMatchObject({ state: "pending", attempts: 0 });
    await drainWebhookEvents();
    expect(await eventRow(event.id)).toMatchObject({ state: "processed", attempts: 1 });
    expect(await db().message.count({ where: { suncoMessageId: event.payload.message.id } })).toBe(1);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "webhook_event.replayed" }, orderBy: { id: "desc" } });
    expect(audit).toMatchObject({ actorId: ownerId, connectionId: connection.id, result: "success" });
  });

  it("replays the failed events of a time range only", async () => {
    const inRange = await failedEvent();
    const before = new Date(inRange.receivedAt.getTime() - 1);
    const after = new Date(Date.now() + 1000);
    const processed = await db().webhookEvent.count({ where: { connectionId: connection.id, state: "processed" } });
    const failed = await db().webhookEvent.count({ where: { connectionId: connection.id, state: "failed", receivedAt: { gte: before } } });
    const replayed = await replayFailedWebhookEvents(owner, connection.id, { from: before, to: after });
    expect(replayed).toBe(failed);
    expect(await eventRow(inRange.suncoEventId)).toMatchObject({ state: "pending" });
    expect(await db().webhookEvent.count({ where: { connectionId: connection.id, state: "processed" } })).toBe(processed);
    await drainWebhookEvents();
    // The payload is still not what the spec says: failed again, at once.
    expect(await eventRow(inRange.suncoEventId)).toMatchObject({ state: "failed", attempts: 1 });
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "webhook_event.failed_replayed" }, orderBy: { id: "desc" } });
    expect(audit.after).toEqual({ replayed: failed });
  });

  it("is for owners and admins: an agent's replay is refused", async () => {
    const agent = await addMember(owner.organization.id, "agent");
    await actAs(agent.id, owner.organization.id);
    const result = await replayEventAction(connection.id, "1");
    expect(result).toMatchObject({ ok: false, error: expect.stringMatching(/admin role/) });
    const form = new FormData();
    form.set("from", "2026-01-01T00:00");
    form.set("to", "2026-01-02T00:00");
    expect(await replayFailedAction(connection.id, null, form)).toMatchObject({ ok: false });
  });

  it("says what is wrong with a range", async () => {
    await actAs(ownerId, owner.organization.id);
    const form = new FormData();
    form.set("from", "2026-01-02T00:00");
    form.set("to", "2026-01-01T00:00");
    expect(await replayFailedAction(connection.id, null, form)).toMatchObject({ ok: false, fieldErrors: { to: ["must be after from"] } });
    const ok = new FormData();
    ok.set("from", "2000-01-01T00:00");
    ok.set("to", "2000-01-02T00:00");
    expect(await replayFailedAction(connection.id, null, ok)).toEqual({ ok: true, data: 0, message: undefined });
  });
});
