// Auto-assignment: an open, unassigned conversation of a connection served by an auto-assigning team waits in line
// ("WaitingConversation") until one of the team's available agents has room; then it goes to the agent with the most
// free capacity, and among those to the one assigned longest ago (round-robin).
//
// Safe with any number of app instances: a round takes a transaction-scoped advisory lock per organization, so the
// rounds of one organization run one at a time wherever they run; each counts the agents' open conversations under
// that lock, and assigns only a conversation still open and unassigned (a person may have assigned it meanwhile).
// Rounds run in the background (the "auto-assign" job), asked for by the read model's writer (conversations new,
// written to or reopened) and by whatever may free or add room: a conversation resolved or unassigned, an agent
// online, a capacity raised, a member or a connection added to a team.
import { conversationUpdates } from "@/lib/conversations/live-events";
import { sql, statement, type SqlDriver, type SqlExecutor } from "@/lib/db";
import { env } from "@/lib/env";
import { enqueue, enqueueMany, type QueueDefinition } from "@/lib/jobs";
import { publishLiveEvents } from "@/lib/live";
import { assignmentNotifications } from "@/lib/notifications/produce";
import { recordNotifications } from "@/lib/notifications/record";
import { conversationUpdatedEvents, recordPartnerEvents } from "@/lib/partner-events";

/** A live stream refreshes its agent's seenAt this often; they count as connected this long after. */
export const SEEN_REFRESH_MS = 15_000;
export const SEEN_GRACE_MS = 45_000;

/** Advisory lock class of assignment rounds ("as"): the second key is the organization's hash. */
const ROUND_LOCK_CLASS = 0x6173;
/** Waiting conversations considered per statement. */
const BATCH = 100;

export interface AutoAssignJob {
  organizationId: string;
  /** Conversations the read model wrote: those open and unassigned join the line first. */
  conversationIds?: string[];
}

export const AUTO_ASSIGN_QUEUE: QueueDefinition<AutoAssignJob> = {
  name: "auto-assign",
  policy: { retryLimit: 5, retryDelaySeconds: 2, retryBackoff: true, expireInSeconds: 60 },
  batchSize: 20,
  async handle(jobs) {
    const byOrganization = new Map<string, string[]>();
    for (const { data } of jobs) byOrganization.set(data.organizationId, [...(byOrganization.get(data.organizationId) ?? []), ...(data.conversationIds ?? [])]);
    for (const [organizationId, conversationIds] of byOrganization) {
      if (conversationIds.length > 0) await joinLine(organizationId, conversationIds);
      await assignWaiting(organizationId);
    }
  },
};

const ORGANIZATIONS_AUTO_ASSIGNING = statement<{ organizationId: string }>(
  `SELECT DISTINCT t."organizationId" FROM "Team" t WHERE t."organizationId" = ANY($1::text[]) AND t."autoAssign"`,
  { organizationId: "string" },
);

/**
 * Called by the read model's writer, in its transaction, with the conversations it wrote: asks for a round in each of
 * their organizations that has an auto-assigning team (one indexed query; nothing for organizations without teams).
 */
export async function assignWrittenConversations(tx: SqlExecutor, conversations: readonly { id: string; organizationId: string }[]): Promise<void> {
  if (conversations.length === 0) return;
  const organizations = [...new Set(conversations.map((conversation) => conversation.organizationId))];
  const { rows } = await tx.query(ORGANIZATIONS_AUTO_ASSIGNING, [organizations]);
  const jobs = rows.map(({ organizationId }) => ({
    organizationId,
    conversationIds: conversations.filter((conversation) => conversation.organizationId === organizationId).map((conversation) => conversation.id),
  }));
  await enqueueMany(AUTO_ASSIGN_QUEUE, jobs, { executor: tx });
}

/** Asks for a round in the organization (or the team's), e.g. after something freed capacity. */
export async function requestAssignment(scope: { organizationId: string } | string, executor: SqlExecutor = sql()): Promise<void> {
  const organizationId = typeof scope === "string" ? await organizationOfTeam(scope, executor) : scope.organizationId;
  if (!organizationId) return;
  // Organizations without an auto-assigning team have nothing to assign: no job at all.
  const { rows } = await executor.query(ORGANIZATIONS_AUTO_ASSIGNING, [[organizationId]]);
  if (rows.length > 0) await enqueue(AUTO_ASSIGN_QUEUE, { organizationId }, { executor });
}

const TEAM_ORGANIZATION = statement<{ organizationId: string }>(`SELECT "organizationId" FROM "Team" WHERE "id" = $1`, { organizationId: "string" });

async function organizationOfTeam(teamId: string, executor: SqlExecutor) {
  const { rows } = await executor.query(TEAM_ORGANIZATION, [teamId]);
  return rows[0]?.organizationId ?? null;
}

/** The open, unassigned ones among `conversationIds` whose connection an auto-assigning team serves join the line. */
export async function joinLine(organizationId: string, conversationIds: readonly string[], executor: SqlExecutor = sql()): Promise<void> {
  await executor.query(
    `INSERT INTO "WaitingConversation" ("conversationId", "organizationId")
     SELECT c."id", c."organizationId" FROM "Conversation" c
      WHERE c."id" = ANY($2::uuid[]) AND c."organizationId" = $1
        AND c."status" = 'open' AND c."assigneeId" IS NULL AND c."removedAt" IS NULL
        AND EXISTS (SELECT 1 FROM "TeamConnection" tc JOIN "Team" t ON t."id" = tc."teamId"
                     WHERE tc."connectionId" = c."connectionId" AND t."autoAssign")
     ON CONFLICT ("conversationId") DO NOTHING`,
    [organizationId, [...conversationIds]],
  );
}

/** Available for assignment: chose online, has an inbox tab open (with a grace for reloads), and used it lately. */
const AVAILABLE = `a."status" = 'online'
  AND a."seenAt" > now() - make_interval(secs => $2::double precision / 1000)
  AND a."activeAt" > now() - make_interval(mins => $3::int)`;

/**
 * The agent each waiting conversation would go to now is decided one at a time (each assignment changes the next's
 * answer); first, whether anyone at all has room, so that a line nobody can take costs one query.
 */
const ANYONE_WITH_ROOM = statement<{ anyone: boolean }>(
  `SELECT EXISTS (
     SELECT 1 FROM "TeamMember" tm
       JOIN "Team" t ON t."id" = tm."teamId" AND t."autoAssign"
       JOIN "AgentAvailability" a ON a."organizationId" = tm."organizationId" AND a."userId" = tm."userId"
      WHERE tm."organizationId" = $1 AND ${AVAILABLE}
        AND tm."capacity" > (SELECT count(*) FROM "Conversation" o
                              WHERE o."organizationId" = $1 AND o."status" = 'open' AND o."assigneeId" = tm."userId")
   ) AS "anyone"`,
  { anyone: "boolean" },
);

const WAITING = statement<{ conversationId: string; since: string; connectionId: string; open: boolean }>(
  `SELECT w."conversationId", w."since"::text AS "since", c."connectionId", (c."status" = 'open' AND c."assigneeId" IS NULL AND c."removedAt" IS NULL) AS "open"
     FROM "WaitingConversation" w JOIN "Conversation" c ON c."id" = w."conversationId"
    WHERE w."organizationId" = $1 AND (w."since", w."conversationId") > ($2::timestamptz, $3::uuid)
    ORDER BY w."since", w."conversationId" LIMIT $4`,
  { conversationId: "string", since: "string", connectionId: "string", open: "boolean" },
);

/**
 * The available agent of an auto-assigning team serving the connection with the most free capacity (their largest
 * capacity among those teams, less their open conversations), the one assigned longest ago first.
 */
const NEXT_AGENT = statement<{ userId: string }>(
  `SELECT tm."userId"
     FROM "TeamConnection" tc
     JOIN "Team" t ON t."id" = tc."teamId" AND t."autoAssign"
     JOIN "TeamMember" tm ON tm."teamId" = t."id"
     JOIN "AgentAvailability" a ON a."organizationId" = tm."organizationId" AND a."userId" = tm."userId"
    WHERE tc."connectionId" = $4 AND tm."organizationId" = $1 AND ${AVAILABLE}
    GROUP BY tm."userId", a."lastAssignedAt"
   HAVING max(tm."capacity") > (SELECT count(*) FROM "Conversation" o
                                 WHERE o."organizationId" = $1 AND o."status" = 'open' AND o."assigneeId" = tm."userId")
    ORDER BY max(tm."capacity") - (SELECT count(*) FROM "Conversation" o
                                    WHERE o."organizationId" = $1 AND o."status" = 'open' AND o."assigneeId" = tm."userId") DESC,
             a."lastAssignedAt" ASC NULLS FIRST, tm."userId"
    LIMIT 1`,
  { userId: "string" },
);

const ASSIGN = statement<{ id: string }>(
  `UPDATE "Conversation" SET "assigneeId" = $2
    WHERE "id" = $1 AND "status" = 'open' AND "assigneeId" IS NULL AND "removedAt" IS NULL RETURNING "id"`,
  { id: "string" },
);

/**
 * One round for the organization: waiting conversations, oldest first, each to the agent with the most room, until no
 * agent has room for any. Returns the assignments made.
 */
export async function assignWaiting(organizationId: string, driver: SqlDriver = sql()): Promise<{ conversationId: string; userId: string }[]> {
  const { AGENT_IDLE_MINUTES } = env();
  return driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1::int, hashtext($2))`, [ROUND_LOCK_CLASS, organizationId]);
    const assigned: { conversationId: string; userId: string }[] = [];
    const gone: string[] = [];
    let after: [string, string] = ["-infinity", "00000000-0000-0000-0000-000000000000"];
    // The round reads the line in pages; one with no assignment and nobody left with room ends it.
    for (;;) {
      const { rows: room } = await tx.query(ANYONE_WITH_ROOM, [organizationId, SEEN_GRACE_MS, AGENT_IDLE_MINUTES]);
      if (!room[0]!.anyone) break;
      const { rows: waiting } = await tx.query(WAITING, [organizationId, ...after, BATCH]);
      if (waiting.length === 0) break;
      for (const conversation of waiting) {
        if (!conversation.open) {
          gone.push(conversation.conversationId);
          continue;
        }
        const { rows: agent } = await tx.query(NEXT_AGENT, [organizationId, SEEN_GRACE_MS, AGENT_IDLE_MINUTES, conversation.connectionId]);
        if (!agent[0]) continue;
        const { rows: updated } = await tx.query(ASSIGN, [conversation.conversationId, agent[0].userId]);
        gone.push(conversation.conversationId);
        if (updated.length === 0) continue;
        // clock_timestamp(): several assignments in one transaction must still order the agents.
        await tx.query(`UPDATE "AgentAvailability" SET "lastAssignedAt" = clock_timestamp() WHERE "organizationId" = $1 AND "userId" = $2`, [
          organizationId,
          agent[0].userId,
        ]);
        assigned.push({ conversationId: conversation.conversationId, userId: agent[0].userId });
      }
      const last = waiting.at(-1)!;
      after = [last.since, last.conversationId];
      if (waiting.length < BATCH) break;
    }
    if (gone.length > 0) await tx.query(`DELETE FROM "WaitingConversation" WHERE "conversationId" = ANY($1::uuid[])`, [gone]);
    const updates = await conversationUpdates(tx, assigned.map((assignment) => assignment.conversationId));
    await recordPartnerEvents(tx, conversationUpdatedEvents(updates, "assignee"));
    const notices = await recordNotifications(tx, assignmentNotifications(updates, { id: null, name: null }));
    await publishLiveEvents(tx, [...updates, ...notices]);
    return assigned;
  });
}
