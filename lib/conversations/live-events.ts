// The live events about conversations: one map from event type to payload, used where the events are built (rows,
// with Dates) and where inbox pages receive them (the same payloads as JSON, ConversationLiveEventData).
import { statement, type SqlExecutor } from "@/lib/db";
import type { LiveEventInput } from "@/lib/live";
import { CONVERSATION_SUMMARY_COLUMNS, CONVERSATION_SUMMARY_ROW, type ActivityRow, type AsJson, type ConversationSummaryRow, type MessageRow, type NoteRow } from "./rows";

export interface ConversationLiveEvents {
  "conversation.updated": { conversation: ConversationSummaryRow };
  "message.created": { conversationId: string; message: MessageRow };
  "message.updated": { conversationId: string; message: MessageRow };
  "message.delivery": Pick<MessageRow, "id" | "conversationId" | "suncoMessageId" | "deliveryStatus" | "deliveryError">;
  "note.created": { conversationId: string; note: NoteRow & { kind: "note" } };
  "conversation.activity": ActivityRow & { conversationId: string };
  typing: { conversationId: string; suncoUserId: string | null; typing: boolean; at: Date };
  /** A user's profile changed; `mergedUserId` was merged into `userId`. */
  "user.updated": { userId: string; mergedUserId?: string };
}

export type ConversationLiveEventType = keyof ConversationLiveEvents;

/** An event to publish (lib/live's LiveEventInput, typed by the map). */
export type ConversationLiveEvent = {
  [Type in ConversationLiveEventType]: { organizationId: string; type: Type; data: ConversationLiveEvents[Type] };
}[ConversationLiveEventType];

/** What a page receives for an event of `Type`. */
export type ConversationLiveEventData<Type extends ConversationLiveEventType> = AsJson<ConversationLiveEvents[Type]>;

const CONVERSATION_SUMMARIES = statement<ConversationSummaryRow>(
  `SELECT ${CONVERSATION_SUMMARY_COLUMNS} FROM "Conversation" c WHERE c."id" = ANY($1::uuid[])`,
  CONVERSATION_SUMMARY_ROW,
);

/** "conversation.updated" for each of the conversations, as they are now. */
export async function conversationUpdates(tx: SqlExecutor, ids: string[]): Promise<ConversationLiveEvent[]> {
  if (ids.length === 0) return [];
  const { rows } = await tx.query(CONVERSATION_SUMMARIES, [ids]);
  return rows.map((conversation) => ({ organizationId: conversation.organizationId, type: "conversation.updated", data: { conversation } }));
}

/** The conversation an event is about, as lib/live reads it when no connection is given. */
const conversationOf = (event: ConversationLiveEvent): string | undefined => {
  const data = event.data as { conversationId?: string; conversation?: { id: string } };
  return data.conversationId ?? data.conversation?.id;
};

/**
 * The events addressed to their conversation's connection, taken from the summaries among them ("conversation.updated"
 * for every conversation a write touched), so that publishing needs no lookup per event; an event whose conversation
 * has no summary among them is left for lib/live to address.
 */
export function withConnections(live: readonly ConversationLiveEvent[]): LiveEventInput[] {
  const connectionOf = new Map<string, string>();
  for (const event of live) if (event.type === "conversation.updated") connectionOf.set(event.data.conversation.id, event.data.conversation.connectionId);
  return live.map((event) => {
    const connectionId = connectionOf.get(conversationOf(event) ?? "");
    return connectionId === undefined ? event : { ...event, connectionId };
  });
}
