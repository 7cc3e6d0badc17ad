import { describe, expect, it } from "vitest";
import { withConnections, type ConversationLiveEvent } from "@/lib/conversations/live-events";
import type { ConversationSummaryRow, MessageRow } from "@/lib/conversations/rows";

const summary = (id: string, connectionId: string) => ({ id, organizationId: "org", connectionId }) as ConversationSummaryRow;
const message = (conversationId: string) => ({ id: `m-${conversationId}`, conversationId }) as MessageRow;

describe("withConnections", () => {
  it("addresses every event about a summarised conversation to that conversation's connection", () => {
    const live: ConversationLiveEvent[] = [
      { organizationId: "org", type: "message.created", data: { conversationId: "c1", message: message("c1") } },
      { organizationId: "org", type: "typing", data: { conversationId: "c2", suncoUserId: null, typing: true, at: new Date(0) } },
      { organizationId: "org", type: "conversation.updated", data: { conversation: summary("c1", "connection-a") } },
      { organizationId: "org", type: "conversation.updated", data: { conversation: summary("c2", "connection-b") } },
    ];
    expect(withConnections(live).map((event) => [event.type, event.connectionId])).toEqual([
      ["message.created", "connection-a"],
      ["typing", "connection-b"],
      ["conversation.updated", "connection-a"],
      ["conversation.updated", "connection-b"],
    ]);
  });

  it("leaves events about other conversations, or none, for lib/live to address", () => {
    const live: ConversationLiveEvent[] = [
      { organizationId: "org", type: "message.created", data: { conversationId: "c3", message: message("c3") } },
      { organizationId: "org", type: "user.updated", data: { userId: "u1" } },
      { organizationId: "org", type: "conversation.updated", data: { conversation: summary("c1", "connection-a") } },
    ];
    const addressed = withConnections(live);
    expect(addressed[0]).toBe(live[0]);
    expect(addressed[1]).toBe(live[1]);
    expect("connectionId" in addressed[0]!).toBe(false);
  });
});
