// Activities Sunbridge itself adds to a conversation's timeline (an agent assigned it, changed its status): the same
// table and live event as SunCo's activities, keyed by an id of our own ("sunbridge:…") that no SunCo event id takes.
import { statement, type SqlExecutor } from "@/lib/db";
import type { ConversationLiveEvent } from "../live-events";
import { ACTIVITY_COLUMNS, ACTIVITY_ROW, type ActivityRow } from "../rows";

/** The types Sunbridge records; the inbox describes them (SunCo's own are "conversation:…", "switchboard:…", …). */
export type InboxActivityType = "sunbridge:assign" | "sunbridge:status";

const INSERT_INBOX_ACTIVITY = statement<ActivityRow>(
  `
  INSERT INTO "ConversationActivity" ("conversationId", "suncoEventId", "type", "data", "occurredAt")
  VALUES ($1, 'sunbridge:' || gen_random_uuid(), $2, $3::jsonb, clock_timestamp())
  RETURNING ${ACTIVITY_COLUMNS}`,
  ACTIVITY_ROW,
);

/** Adds the activity in the caller's transaction; the caller publishes the live event it returns with its others. */
export async function recordInboxActivity(
  tx: SqlExecutor,
  conversation: { id: string; organizationId: string },
  type: InboxActivityType,
  data: Record<string, unknown>,
): Promise<ConversationLiveEvent> {
  const { rows } = await tx.query(INSERT_INBOX_ACTIVITY, [conversation.id, type, JSON.stringify(data)]);
  return { organizationId: conversation.organizationId, type: "conversation.activity", data: { ...rows[0]!, conversationId: conversation.id } };
}
