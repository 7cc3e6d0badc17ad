// The thread's lines in an agent's words: Sunbridge's own changes (assignment, status), how a conversation started
// without SunCo's creationReason names, a tapped button with its payload, and consecutive messages grouped.
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TimelineEntry } from "@/app/(app)/inbox/_components/TimelineEntry";
import type { ThreadActivity, ThreadMessage, TimelineItem } from "@/lib/inbox";

const AT = "2026-03-03T14:05:00.000Z";
const render = (item: TimelineItem, continued = false) =>
  renderToStaticMarkup(createElement(TimelineEntry, { item, continued, endUserName: "Nora", seenUpTo: null, onRetry: () => undefined, retrying: false }));
const activity = (type: string, data: Record<string, unknown>): ThreadActivity => ({ kind: "activity", id: "1", type, data, occurredAt: AT });
const text = (html: string) => html.replace(/<[^>]+>/g, "");

const message: ThreadMessage = {
  kind: "message",
  id: "m1",
  suncoMessageId: "s1",
  clientMessageId: null,
  conversationId: "c1",
  authorType: "user",
  authorUserId: null,
  authorDisplayName: "Nora Jones",
  authorAvatarUrl: null,
  contentType: "text",
  content: { type: "text", text: "Yes please", payload: "REFUND" },
  text: "Yes please",
  sourceType: "web",
  deleted: false,
  receivedAt: AT,
  deliveryStatus: "sent",
  deliveryError: null,
  retryable: false,
} as ThreadMessage;

describe("the thread's entries", () => {
  it("say who assigned, unassigned, resolved, reopened or set a conversation pending", () => {
    expect(text(render(activity("sunbridge:assign", { by: "Olivia Owner", assigneeName: "Adam Agent" })))).toMatch(/^Olivia Owner assigned the conversation to Adam Agent · /);
    expect(text(render(activity("sunbridge:assign", { by: "Olivia Owner", assigneeName: null })))).toMatch(/^Olivia Owner unassigned the conversation/);
    expect(text(render(activity("sunbridge:status", { by: "Adam Agent", from: "open", status: "resolved" })))).toMatch(/^Adam Agent resolved the conversation/);
    expect(text(render(activity("sunbridge:status", { by: "Adam Agent", from: "resolved", status: "open" })))).toMatch(/^Adam Agent reopened the conversation/);
    expect(text(render(activity("sunbridge:status", { by: "Adam Agent", from: "open", status: "pending" })))).toMatch(/^Adam Agent marked the conversation pending/);
  });

  it("never show SunCo's own names for how a conversation started, or an unknown event's type", () => {
    expect(text(render(activity("conversation:create", { creationReason: "startConversation" })))).toMatch(/^Conversation started · /);
    expect(text(render(activity("conversation:create", { creationReason: "prechatCapture" })))).toMatch(/^Conversation started from a pre-chat form · /);
    expect(text(render(activity("conversation:typing", {})))).not.toContain("conversation:typing");
  });

  it("show a tapped postback's and a tapped reply button's payload", () => {
    expect(text(render(activity("conversation:postback", { postback: { payload: "TALK_TO_SALES" } })))).toContain("Nora tapped a button · payload “TALK_TO_SALES”");
    expect(text(render(message))).toContain("payload “REFUND”");
  });

  it("give a message that continues its author's run no header of its own", () => {
    expect(text(render(message))).toContain("Nora Jones");
    expect(text(render(message, true))).not.toContain("Nora Jones");
    expect(render(message, true)).toContain("Yes please");
  });
});
