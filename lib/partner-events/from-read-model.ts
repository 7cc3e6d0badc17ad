// What the partner hears of a change to conversations, derived from the live events the change already publishes in
// its transaction (lib/conversations/live-events.ts): the same facts, in the partner's vocabulary.
import type { ConversationLiveEvent, ConversationSummaryRow, MessageRow, ReadMessageRow } from "@/lib/conversations";
import type { MessageDeliveryStatus } from "@/lib/db/generated/enums";
import type { PartnerEventData, PartnerEventInput } from "./event-types";

type EventMessage = PartnerEventData<"message.created">["message"];
type StatusChange = Pick<PartnerEventData<"message.status_changed">, "status" | "detail">;

/** SunCo's delivery statuses as the partner sees them; `sending` is no change worth telling. */
const STATUS: Record<MessageDeliveryStatus, StatusChange | null> = {
  sending: null,
  sent: { status: "sent" },
  delivered_to_channel: { status: "delivered", detail: "channel" },
  delivered_to_user: { status: "delivered", detail: "user" },
  failed: { status: "failed" },
};

/** Switchboard activities after which another integration controls, or is offered, the conversation. */
const HANDOFFS = new Set(["switchboard:passControl", "switchboard:acceptControl", "switchboard:releaseControl", "switchboard:offerControl"]);

export function eventConversation(c: ConversationSummaryRow) {
  return { id: c.id, connectionId: c.connectionId, suncoConversationId: c.suncoConversationId, status: c.status, assigneeId: c.assigneeId };
}

function eventMessage(message: MessageRow, sentBy?: "agent" | "api"): EventMessage {
  const origin = message.authorType === "user" ? "end_user" : (sentBy ?? (message.clientMessageId ? "agent" : "bot"));
  return {
    id: message.id,
    suncoMessageId: message.suncoMessageId,
    origin,
    authorDisplayName: message.authorDisplayName,
    contentType: message.contentType,
    content: message.content,
    text: message.text,
    receivedAt: new Date(message.receivedAt).toISOString(),
  };
}

function statusChanged(organizationId: string, message: Pick<MessageRow, "id" | "conversationId" | "suncoMessageId" | "deliveryStatus" | "deliveryError">): PartnerEventInput[] {
  const change = STATUS[message.deliveryStatus];
  if (!change) return [];
  return [{
    organizationId,
    type: "message.status_changed",
    conversationId: message.conversationId,
    data: {
      conversationId: message.conversationId,
      messageId: message.id,
      suncoMessageId: message.suncoMessageId,
      ...change,
      reason: change.status === "failed" ? message.deliveryError : null,
    },
  }];
}

/**
 * The partner events of one transaction's live events: new conversations (`created`: ids seen for the first time),
 * messages, delivery status changes (`statusChanges`: "message.updated" events that changed a message's status, as
 * the outbox's sends do), switchboard handoffs, conversations an end user's message reopened (`reopened`, after their
 * messages) and what end users read (`read`). `sentBy` says who sent the messages Sunbridge itself sends.
 */
export function partnerEventsOf(
  live: readonly ConversationLiveEvent[],
  options: { created?: Iterable<string>; statusChanges?: boolean; sentBy?: "agent" | "api"; reopened?: Iterable<string>; read?: readonly ReadMessageRow[] } = {},
): PartnerEventInput[] {
  const summaries = new Map<string, ConversationSummaryRow>();
  for (const event of live) if (event.type === "conversation.updated") summaries.set(event.data.conversation.id, event.data.conversation);
  const events: PartnerEventInput[] = [];
  for (const id of options.created ?? []) {
    const conversation = summaries.get(id);
    if (conversation) events.push({ organizationId: conversation.organizationId, type: "conversation.created", conversationId: id, data: { conversation: eventConversation(conversation) } });
  }
  for (const event of live) {
    const { organizationId } = event;
    if (event.type === "message.created") {
      const { message } = event.data;
      const connectionId = summaries.get(message.conversationId)?.connectionId ?? "";
      events.push({ organizationId, type: "message.created", conversationId: message.conversationId, data: { conversationId: message.conversationId, connectionId, message: eventMessage(message, options.sentBy) } });
    } else if (event.type === "message.delivery") {
      events.push(...statusChanged(organizationId, event.data));
    } else if (event.type === "message.updated" && options.statusChanges) {
      events.push(...statusChanged(organizationId, event.data.message));
    } else if (event.type === "conversation.activity" && HANDOFFS.has(event.data.type)) {
      const conversation = summaries.get(event.data.conversationId);
      events.push({
        organizationId,
        type: "conversation.handoff",
        conversationId: event.data.conversationId,
        data: {
          conversationId: event.data.conversationId,
          activeSwitchboardIntegration: conversation?.activeSwitchboardIntegration ?? null,
          pendingSwitchboardIntegration: conversation?.pendingSwitchboardIntegration ?? null,
        },
      });
    }
  }
  for (const id of options.reopened ?? []) {
    const conversation = summaries.get(id);
    if (conversation) events.push(conversationUpdated(conversation, "status"));
  }
  for (const message of options.read ?? []) {
    events.push({
      organizationId: message.organizationId,
      type: "message.status_changed",
      conversationId: message.conversationId,
      data: { conversationId: message.conversationId, messageId: message.id, suncoMessageId: message.suncoMessageId, status: "read", reason: null },
    });
  }
  return events;
}

function conversationUpdated(conversation: ConversationSummaryRow, changed: "status" | "assignee"): PartnerEventInput {
  return {
    organizationId: conversation.organizationId,
    type: "conversation.updated",
    conversationId: conversation.id,
    data: { conversation: eventConversation(conversation), changed: [changed] },
  };
}

/**
 * `conversation.updated` for each conversation of `live` (the live events of a change to Sunbridge's own state of
 * conversations, which lists only those it changed), saying what changed.
 */
export function conversationUpdatedEvents(live: readonly ConversationLiveEvent[], changed: "status" | "assignee"): PartnerEventInput[] {
  return live.flatMap((event) => (event.type === "conversation.updated" ? [conversationUpdated(event.data.conversation, changed)] : []));
}
