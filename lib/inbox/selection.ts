// Changes to a selection of conversations (the list's bulk actions, and the thread's own buttons as a selection of
// one): assign, set the status, snooze, label. Each is one transaction over every conversation of the selection, or
// none when one is not the member's to change (conversation-access decides, once for every path), is audited, and
// tells every open page. An assignment or status change also leaves a line in each changed conversation's thread; a
// change to what already is records nothing. An assignment or status change (a snooze is one) is also a
// `conversation.updated` event for the organization's endpoints (lib/partner-events), for the conversations it changed.
import { authorName, memberIdOf, type ActorContext } from "@/lib/auth/actor";
import { audited } from "@/lib/audit/record";
import { conversationUpdates, recordInboxActivity, type InboxActivityType } from "@/lib/conversations";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { InvalidInputError, NotFoundError } from "@/lib/errors";
import { enqueueMany } from "@/lib/jobs";
import { publishLiveEvents } from "@/lib/live";
import { conversationUpdatedEvents, recordPartnerEvents } from "@/lib/partner-events";
import { assignmentNotifications, recordNotifications, type NotificationInput } from "@/lib/notifications";
import { memberName } from "@/lib/organizations/member-names";
import { SURVEY_QUEUE } from "@/lib/satisfaction/queue";
import { joinLine, memberSees, requestAssignment } from "@/lib/teams";
import { findConversations, readOnlyReason, type ConversationRef } from "./conversation-access";
import { MAX_LABELS_PER_CONVERSATION, MAX_SNOOZE_MS, type SettableStatus } from "./schemas";

interface Change {
  /** The audit log's name for it. */
  action: string;
  /** The SET list; $1 is the selection's ids, the values follow. */
  assignment: string;
  values: unknown[];
  /** What the audit log says was set. */
  after: Record<string, unknown>;
  /** What the partner's `conversation.updated` event says changed; without it, no event (labels are Sunbridge's own). */
  event?: "status" | "assignee";
  /** Whom to notify of the change, given the changed conversations as they are now (lib/notifications). */
  notify?: (updates: Awaited<ReturnType<typeof conversationUpdates>>) => NotificationInput[];
  /** More work in the same transaction, once the rows are locked and before they change. */
  before?: (tx: SqlExecutor, conversations: ConversationRef[]) => Promise<void>;
  /** The thread's line for each conversation it changes; without one, every conversation of the selection changes. */
  line?: {
    type: InboxActivityType;
    /** The value the change sets, as it stands on the locked row; a conversation already at `next` is left alone. */
    current: (conversation: ConversationRef) => unknown;
    next: unknown;
    /** What the line says of the change (besides who made it). */
    describe: (conversation: ConversationRef) => Record<string, unknown>;
  };
}

interface Outcome {
  changed: ConversationRef[];
}

async function changeConversations(ctx: ActorContext, conversationIds: string[], change: Change): Promise<{ changed: number }> {
  const target = conversationIds.length === 1 ? `conversation ${conversationIds[0]}` : `${conversationIds.length} conversations`;
  const { line } = change;
  const outcome = await audited<Outcome>(
    ctx,
    {
      action: change.action,
      target,
      after: ({ changed }) => ({ conversationIds: changed.map((conversation) => conversation.id), ...change.after }),
      outcome: ({ changed }) => {
        if (changed.length === 0) return null;
        const connections = new Set(changed.map((conversation) => conversation.connection.id));
        return {
          connectionId: connections.size === 1 ? [...connections][0] : null,
          before: line ? Object.fromEntries(changed.map((conversation) => [conversation.id, line.current(conversation)])) : undefined,
        };
      },
    },
    () =>
      sql().transaction(async (tx) => {
        const conversations = await findConversations(ctx, conversationIds, { executor: tx, forUpdate: true });
        const changed = line ? conversations.filter((conversation) => line.current(conversation) !== line.next) : conversations;
        if (changed.length === 0) return { changed };
        const ids = changed.map((conversation) => conversation.id);
        await change.before?.(tx, changed);
        await tx.query(`UPDATE "Conversation" SET ${change.assignment} WHERE "id" = ANY($1::uuid[])`, [ids, ...change.values]);
        await rebalance(tx, ctx.organization.id, changed);
        const lines = [];
        if (line) for (const conversation of changed) lines.push(await recordInboxActivity(tx, conversation, line.type, { by: authorName(ctx.actor), ...line.describe(conversation) }));
        const updates = await conversationUpdates(tx, ids);
        if (change.event) await recordPartnerEvents(tx, conversationUpdatedEvents(updates, change.event));
        const notices = change.notify ? await recordNotifications(tx, change.notify(updates)) : [];
        await publishLiveEvents(tx, [...updates, ...lines, ...notices]);
        return { changed };
      }),
  );
  return { changed: outcome.changed.length };
}

const STATES = statement<{ id: string; status: string; assigneeId: string | null }>(
  `SELECT "id", "status"::text AS "status", "assigneeId" FROM "Conversation" WHERE "id" = ANY($1::uuid[])`,
  { id: "string", status: "string", assigneeId: "string?" },
);

/**
 * Auto-assignment hears of what changed its picture (lib/teams): an open conversation leaving its assignee's hands
 * frees room; one reopened without an assignee waits for a team's agent.
 */
async function rebalance(tx: SqlExecutor, organizationId: string, before: ConversationRef[]) {
  const after = new Map((await tx.query(STATES, [before.map((conversation) => conversation.id)])).rows.map((row) => [row.id, row]));
  let freed = false;
  const reopened: string[] = [];
  for (const conversation of before) {
    const now = after.get(conversation.id)!;
    if (conversation.status === "open" && conversation.assigneeId !== null && (now.status !== "open" || now.assigneeId !== conversation.assigneeId)) freed = true;
    if (conversation.status !== "open" && now.status === "open" && now.assigneeId === null) reopened.push(conversation.id);
  }
  if (reopened.length > 0) await joinLine(organizationId, reopened, tx);
  if (freed || reopened.length > 0) await requestAssignment({ organizationId }, tx);
}

/** Assigns the conversations to a member of the organization, or to nobody (`assigneeId` null). */
export async function assignConversations(ctx: ActorContext, conversationIds: string[], assigneeId: string | null) {
  // Not found comes first: whom one may assign says nothing about a conversation one cannot see.
  if (assigneeId) await findConversations(ctx, conversationIds);
  const assigneeName = assigneeId ? await memberName(ctx.organization.id, assigneeId) : null;
  if (assigneeId && assigneeName === null) {
    throw new InvalidInputError("Only members of this organization can be assigned.", { assigneeId: ["is not a member"] });
  }
  return changeConversations(ctx, conversationIds, {
    action: "conversations.assign",
    assignment: `"assigneeId" = $2`,
    values: [assigneeId],
    after: { assigneeId },
    event: "assignee",
    line: { type: "sunbridge:assign", current: (conversation) => conversation.assigneeId, next: assigneeId, describe: () => ({ assigneeId, assigneeName }) },
    notify: (updates) => assignmentNotifications(updates, { id: memberIdOf(ctx), name: authorName(ctx.actor) }),
    // An agent whose teams do not serve a connection would be handed a conversation they cannot open.
    before: async (tx, conversations) => {
      if (!assigneeId) return;
      for (const connectionId of new Set(conversations.map((conversation) => conversation.connection.id))) {
        if (!(await memberSees(ctx.organization.id, assigneeId, connectionId, tx))) {
          throw new InvalidInputError("That member's teams do not serve this conversation's connection.", { assigneeId: ["does not see this connection"] });
        }
      }
    },
  });
}

const SURVEYS_ON = statement<{ on: boolean }>(`SELECT "satisfactionSurvey" AS "on" FROM "Organization" WHERE "id" = $1`, { on: "boolean" });

/** Queues a satisfaction survey for each conversation an agent resolves, when the organization sends them. */
async function queueSurveys(tx: SqlExecutor, ctx: ActorContext, conversations: ConversationRef[]) {
  const resolving = conversations.filter((conversation) => conversation.status !== "resolved" && !readOnlyReason(conversation));
  if (resolving.length === 0) return;
  const { rows } = await tx.query(SURVEYS_ON, [ctx.organization.id]);
  if (!rows[0]?.on) return;
  await enqueueMany(
    SURVEY_QUEUE,
    resolving.map((conversation) => ({ conversationId: conversation.id, assigneeId: conversation.assigneeId })),
    { executor: tx },
  );
}

/** Opens, sets pending or resolves the conversations; a snoozed one's snooze ends. */
export async function setConversationsStatus(ctx: ActorContext, conversationIds: string[], status: SettableStatus) {
  return changeConversations(ctx, conversationIds, {
    action: `conversations.${status === "open" ? "reopen" : status === "pending" ? "set_pending" : "resolve"}`,
    // Reports (lib/reports) measure a resolution from the conversation's start, in its connection's business hours.
    assignment: `"status" = $2::"ConversationStatus", "snoozedUntil" = NULL,
      "resolvedAt" = CASE WHEN $2::text = 'resolved' THEN now() END,
      "resolutionSeconds" = CASE WHEN $2::text = 'resolved' THEN "business_seconds"("createdAt", now(), "connection_business_hours"("connectionId")) END`,
    values: [status],
    after: { status },
    event: "status",
    line: { type: "sunbridge:status", current: (conversation) => conversation.status, next: status, describe: (conversation) => ({ from: conversation.status, status }) },
    before: status === "resolved" ? (tx, conversations) => queueSurveys(tx, ctx, conversations) : undefined,
  });
}

/** Sets the conversations aside until `until`: they leave the open list and come back then (lib/inbox/snoozes.ts). */
export async function snoozeConversations(ctx: ActorContext, conversationIds: string[], until: Date, now: Date = new Date()) {
  if (until.getTime() <= now.getTime()) throw new InvalidInputError("Snooze until a time in the future.", { until: ["must be in the future"] });
  if (until.getTime() - now.getTime() > MAX_SNOOZE_MS) throw new InvalidInputError("Snooze for at most a year.", { until: ["must be within a year"] });
  return changeConversations(ctx, conversationIds, {
    action: "conversations.snooze",
    assignment: `"status" = 'snoozed', "snoozedUntil" = $2, "resolvedAt" = NULL, "resolutionSeconds" = NULL`,
    values: [until],
    after: { snoozedUntil: until.toISOString() },
    event: "status",
  });
}

const LABEL_OF_ORGANIZATION = statement<{ id: string; name: string }>(
  `SELECT "id", "name" FROM "Label" WHERE "id" = $1::uuid AND "organizationId" = $2`,
  { id: "string", name: "string" },
);

/** Puts the label on every conversation of the selection that lacks it, or takes it off. */
export async function labelConversations(ctx: ActorContext, conversationIds: string[], labelId: string, change: "add" | "remove") {
  const { rows } = await sql().query(LABEL_OF_ORGANIZATION, [labelId, ctx.organization.id]);
  const label = rows[0];
  if (!label) throw new NotFoundError("There is no such label in this organization.");
  return changeConversations(ctx, conversationIds, {
    action: change === "add" ? "conversations.label" : "conversations.unlabel",
    assignment:
      change === "add"
        ? `"labelIds" = CASE WHEN $2::uuid = ANY("labelIds") THEN "labelIds" ELSE array_append("labelIds", $2::uuid) END`
        : `"labelIds" = array_remove("labelIds", $2::uuid)`,
    values: [label.id],
    after: { label: label.name },
    before:
      change === "add"
        ? async (tx, conversations) => {
            const full = await tx.query(
              `SELECT 1 FROM "Conversation" WHERE "id" = ANY($1::uuid[]) AND NOT ($2::uuid = ANY("labelIds")) AND cardinality("labelIds") >= $3`,
              [conversations.map((conversation) => conversation.id), label.id, MAX_LABELS_PER_CONVERSATION],
            );
            if (full.rowCount > 0) throw new InvalidInputError(`A conversation has at most ${MAX_LABELS_PER_CONVERSATION} labels.`);
          }
        : undefined,
  });
}
