// Writes ReadModelChanges with one multi-row statement per table, in dependency order (users, conversations, the
// rows that point at them), and says what changed as live events. Every statement is idempotent: upserts are
// guarded by SunCo timestamps (an older snapshot never replaces a newer one), timeline rows are unique per SunCo
// event, messages per SunCo message, and counters move only for rows this call inserted. Each table's statement is
// in write/<table>.ts.
import type { SqlExecutor } from "@/lib/db";
import { conversationUpdates, type ConversationLiveEvent } from "./live-events";
import type { ReadModelChanges } from "./read-model-changes";
import { writeActivities } from "./write/activities";
import { writeClients, writeDevices } from "./write/clients";
import { writeConversations, type ConversationRef } from "./write/conversations";
import { writeDeliveries } from "./write/deliveries";
import { writeMessages } from "./write/messages";
import { writeParticipants } from "./write/participants";
import { newlyReadMessages, readMarksBefore, type ReadMessageRow } from "./write/reads";
import { typingEvents } from "./write/typing";
import { writeUsers } from "./write/users";

export type { ConversationRef, ReadMessageRow };

export interface WriteResult {
  /** By conversation key (connection id + SunCo conversation id). */
  conversations: Map<string, ConversationRef>;
  live: ConversationLiveEvent[];
  /** Conversations an end user's message reopened (they were pending, snoozed or resolved). */
  reopened: Set<string>;
  /** The business message each of the batch's end-user reads newly covers. */
  read: ReadMessageRow[];
}

export interface WriteOptions {
  /**
   * New end-user messages received after this time count as unread (agents have not seen them); null counts them
   * all. History fetched after the fact passes when the connection was made: older is read.
   */
  unreadAfter: Date | null;
}

/** Writes everything `changes` holds; returns the conversations it touched and the live events to publish. */
export async function writeChanges(tx: SqlExecutor, changes: ReadModelChanges, options: WriteOptions): Promise<WriteResult> {
  const live: ConversationLiveEvent[] = [];
  const reads = await readMarksBefore(tx, changes);
  const userIds = await writeUsers(tx, changes, live);
  const conversations = await writeConversations(tx, changes, userIds);
  await writeParticipants(tx, changes, userIds, conversations);
  await writeClients(tx, changes, userIds);
  await writeDevices(tx, changes, userIds);
  const reopened = await writeMessages(tx, changes, userIds, conversations, options.unreadAfter, live);
  await writeDeliveries(tx, changes, conversations, live);
  await writeActivities(tx, changes, userIds, conversations, live);
  await typingEvents(tx, changes, conversations, live);
  const read = await newlyReadMessages(tx, reads, conversations);
  live.push(...(await conversationUpdates(tx, [...new Set([...conversations.values()].map((c) => c.id))])));
  return { conversations, live, reopened, read };
}
