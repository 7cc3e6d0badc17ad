// Typing signals in a batch of webhook events: open pages get where typing stands per conversation and user once a
// batch, not every start and stop it held.
import { describe, expect, it } from "vitest";
import { ReadModelChanges } from "@/lib/conversations/read-model-changes";
import { reduceEvent, type EventContext } from "@/lib/conversations/reduce-event";
import { classifyWebhookEvent, type WebhookEvent } from "@/lib/sunco/schemas";

const context = (at: string): EventContext => ({ connectionId: "connection", organizationId: "organization", suncoEventId: at, at: new Date(at) });

function typing(conversationId: string, userId: string, type: "typing:start" | "typing:stop", at: string) {
  const classified = classifyWebhookEvent({
    id: `${conversationId}-${userId}-${at}`,
    type: "conversation:typing",
    createdAt: at,
    payload: { conversation: { id: conversationId, type: "personal" }, activity: { type, author: { type: "user", userId } } },
  } as WebhookEvent);
  if (classified.kind !== "known") throw new Error(`not a typing event: ${JSON.stringify(classified)}`);
  return { event: classified.event, context: context(at) };
}

describe("typing signals of a batch", () => {
  it("keep the latest per conversation and user, whatever order they were reduced in", () => {
    const changes = new ReadModelChanges();
    const batch = [
      typing("c1", "u1", "typing:start", "2026-01-01T10:00:00.000Z"),
      typing("c1", "u1", "typing:stop", "2026-01-01T10:00:02.000Z"),
      typing("c1", "u2", "typing:start", "2026-01-01T10:00:01.000Z"),
      typing("c1", "u1", "typing:start", "2026-01-01T10:00:03.000Z"),
      typing("c2", "u1", "typing:start", "2026-01-01T10:00:00.500Z"),
      // Older than what is known for c1/u1: changes nothing.
      typing("c1", "u1", "typing:stop", "2026-01-01T10:00:01.500Z"),
    ];
    for (const { event, context } of batch) reduceEvent(changes, context, event as Parameters<typeof reduceEvent>[2]);
    const signals = [...changes.typing.values()].map((s) => [s.conversationKey.split("\u0000")[1], s.suncoUserId, s.typing, s.at.toISOString()]);
    expect(signals.sort()).toEqual(
      [
        ["c1", "u1", true, "2026-01-01T10:00:03.000Z"],
        ["c1", "u2", true, "2026-01-01T10:00:01.000Z"],
        ["c2", "u1", true, "2026-01-01T10:00:00.500Z"],
      ].sort(),
    );
  });
});
