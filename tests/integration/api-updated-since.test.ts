// The partner API's `updatedSince`: a conversation counts as changed by its status, assignee, labels or snooze, or a
// new message — whatever wrote it — and not by an agent reading it.
import { describe, expect, it } from "vitest";
import * as conversationsRoute from "@/app/api/v1/conversations/route";
import { createLabel, labelConversations, markConversationRead, setConversationStatus, snoozeConversations, assignConversation } from "@/lib/inbox";
import { drainWebhookEvents } from "@/lib/webhooks";
import { apiKeyFor, callApi } from "../support/api";
import { createOrganization, memberContext } from "../support/builders";
import { withTestDatabase } from "../support/database";
import { createConversation } from "../support/inbox";
import { createWebhookConnection, deliver, userMessageEvent } from "../support/webhooks";

withTestDatabase();

describe("GET /api/v1/conversations?updatedSince", () => {
  it("lists the conversations whose status, assignee, labels, snooze or messages changed since, not those only read", async () => {
    const { organization, owner } = await createOrganization();
    const ctx = await memberContext(owner.id, organization.id);
    const connection = await createWebhookConnection({ organizationId: organization.id });
    const dayAgo = new Date(Date.now() - 86_400_000);
    const spec = { organizationId: organization.id, connectionId: connection.id, lastActivityAt: dayAgo };
    const [resolved, assigned, labelled, snoozed, written, read, untouched] = await Promise.all(
      ["resolved", "assigned", "labelled", "snoozed", "written", "read", "untouched"].map(() =>
        createConversation({ ...spec, unreadCount: 1, messages: [{ text: "Hi", receivedAt: dayAgo }] }),
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const since = new Date();

    await setConversationStatus(ctx, resolved!.id, "resolved");
    await assignConversation(ctx, assigned!.id, owner.id);
    const label = await createLabel(ctx, { name: "VIP", color: "purple" });
    await labelConversations(ctx, [labelled!.id], label.id, "add");
    await snoozeConversations(ctx, [snoozed!.id], new Date(Date.now() + 3_600_000));
    await deliver(connection, [userMessageEvent({ conversationId: written!.suncoConversationId, userId: written!.suncoUserId!, text: "Any news?" })]);
    await drainWebhookEvents();
    await markConversationRead(ctx, read!.id);

    const { key } = await apiKeyFor(ctx, ["read"]);
    const list = async (after: Date) => {
      const answer = await callApi(conversationsRoute.GET, `/api/v1/conversations?limit=100&updatedSince=${encodeURIComponent(after.toISOString())}`, {}, { key });
      expect(answer.status, answer.text).toBe(200);
      return (answer.body as { items: { id: string }[] }).items.map((item) => item.id).sort();
    };
    expect(await list(since)).toEqual([resolved, assigned, labelled, snoozed, written].map((c) => c!.id).sort());
    expect(await list(new Date(dayAgo.getTime() - 1000))).toEqual([resolved, assigned, labelled, snoozed, written, read, untouched].map((c) => c!.id).sort());
  });
});
