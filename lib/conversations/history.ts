// The recent history of a conversation Sunbridge has just heard of: its newest page of messages (up to 100) from
// SunCo, fetched by a job queued with the conversation's first event, so that webhook processing never waits on
// SunCo. Written like webhook messages (idempotently), except that what came before Sunbridge heard of the
// conversation counts as read.
import { clientForConnectionId } from "@/lib/connections";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { ConflictError } from "@/lib/errors";
import type { QueueDefinition } from "@/lib/jobs";
import { publishLiveEvents } from "@/lib/live/publish";
import { logger } from "@/lib/log";
import { SuncoError } from "@/lib/sunco";
import type { ConversationType } from "@/lib/sunco/schemas";
import { ReadModelChanges } from "./read-model-changes";
import { addMessage } from "./reduce-event";
import { writeChanges } from "./write-changes";

export interface HistoryJob {
  conversationId: string;
}

export const CONVERSATION_HISTORY_QUEUE: QueueDefinition<HistoryJob> = {
  name: "conversation-history",
  policy: { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
  // One per batch: a failing fetch is retried alone.
  batchSize: 1,
  async handle(jobs) {
    for (const job of jobs) await fetchConversationHistory(job.data.conversationId);
  },
};

interface Target {
  conversationId: string;
  connectionId: string;
  organizationId: string;
  suncoConversationId: string;
  type: ConversationType;
  state: string;
  historyFetchedAt: Date | null;
  removedAt: Date | null;
  connectedAt: Date;
}

const TARGET = statement<Target>(
  `SELECT c."id" AS "conversationId", c."suncoConversationId", c."type", c."historyFetchedAt", c."removedAt",
          n."createdAt" AS "connectedAt", n."id" AS "connectionId", n."organizationId", n."state"
     FROM "Conversation" c JOIN "Connection" n ON n."id" = c."connectionId"
    WHERE c."id" = $1`,
  {
    conversationId: "string",
    connectionId: "string",
    organizationId: "string",
    suncoConversationId: "string",
    type: "string",
    state: "string",
    historyFetchedAt: "Date?",
    removedAt: "Date?",
    connectedAt: "Date",
  },
);

async function markFetched(executor: SqlExecutor, conversationId: string) {
  await executor.query(`UPDATE "Conversation" SET "historyFetchedAt" = now() WHERE "id" = $1`, [conversationId]);
}

/** Fetches and stores a conversation's recent messages, once. SunCo failures throw (the job is retried). */
export async function fetchConversationHistory(conversationId: string): Promise<void> {
  const { rows } = await sql().query(TARGET, [conversationId]);
  const target = rows[0];
  // Gone, done, or not ours to call any more (a connection needing re-authorization is retried after it).
  if (!target || target.historyFetchedAt || target.removedAt || target.state === "revoked") return;

  let page;
  try {
    page = await (await clientForConnectionId(target.connectionId)).messages.list(target.suncoConversationId);
  } catch (error) {
    // Final: the conversation is gone, or SunCo refused the request itself (a 4xx). Everything else is retried: an
    // outage, a connection needing re-authorization (it may be reconnected meanwhile), an answer that was not SunCo's.
    const permanent =
      error instanceof ConflictError || (error instanceof SuncoError && (error.kind === "not_found" || error.kind === "client"));
    if (!permanent) throw error;
    logger().warn({ conversationId, reason: error.message }, "conversation history not fetched");
    await markFetched(sql(), conversationId);
    return;
  }

  const changes = new ReadModelChanges();
  const scope = { connectionId: target.connectionId, organizationId: target.organizationId };
  const conversation = changes.conversation(scope, { id: target.suncoConversationId, type: target.type }, new Date());
  for (const message of page.items) addMessage(changes, scope, conversation, message);
  await sql().transaction(async (tx) => {
    // Read is what SunCo had before Sunbridge connected; anything since would come by webhook too, and is new to the
    // agents whichever writes it first (the fetch often runs before the webhooks of the messages that started the
    // conversation are applied: counted read, they were lost to the unread count).
    const { live } = await writeChanges(tx, changes, { unreadAfter: target.connectedAt });
    await markFetched(tx, conversationId);
    await publishLiveEvents(tx, live);
  });
}
