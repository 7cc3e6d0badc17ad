// Agents' availability: what they chose (online, away, offline), and what auto-assignment also goes by — an inbox tab
// open (its live stream refreshes "seenAt"; closing the last tab lets it lapse after a grace period that covers a
// reload) and recent use of it ("activeAt", AGENT_IDLE_MINUTES).
import type { MemberContext } from "@/lib/auth/require-member";
import { sql, statement, type SqlExecutor } from "@/lib/db";
import { env } from "@/lib/env";
import { requestAssignment, SEEN_GRACE_MS } from "./auto-assign";
import type { AvailabilityStatus } from "./schemas";

export interface AgentAvailabilityView {
  /** What the agent chose. */
  status: AvailabilityStatus;
  /** Whether auto-assignment counts them available now (online, a tab open, active lately). */
  available: boolean;
}

const TOUCH = `
  INSERT INTO "AgentAvailability" ("organizationId", "userId", "seenAt", "activeAt", "updatedAt")
  SELECT m."organizationId", m."userId", now(), CASE WHEN $3::boolean THEN now() END, now()
    FROM unnest($1::text[], $2::text[]) AS x("organizationId", "userId")
    JOIN "Membership" m ON m."organizationId" = x."organizationId" AND m."userId" = x."userId"
  ON CONFLICT ("organizationId", "userId") DO UPDATE SET
    "seenAt" = now(),
    "activeAt" = CASE WHEN $3::boolean THEN now() ELSE "AgentAvailability"."activeAt" END,
    "updatedAt" = now()`;

/** These members have an inbox tab open (and, when `active`, are using it). Members who left are skipped. */
export async function touchPresence(members: readonly { organizationId: string; userId: string }[], active: boolean, executor: SqlExecutor = sql()) {
  if (members.length === 0) return;
  await executor.query(TOUCH, [members.map((m) => m.organizationId), members.map((m) => m.userId), active]);
}

/** The agent is using the inbox (the page reports it at most once a minute). */
export async function reportActivity(ctx: MemberContext): Promise<void> {
  await touchPresence([{ organizationId: ctx.organization.id, userId: ctx.actor.id }], true);
}

export async function setAvailability(ctx: MemberContext, status: AvailabilityStatus): Promise<AgentAvailabilityView> {
  await sql().query(
    `INSERT INTO "AgentAvailability" ("organizationId", "userId", "status", "activeAt", "updatedAt") VALUES ($1, $2, $3::"Availability", now(), now())
     ON CONFLICT ("organizationId", "userId") DO UPDATE SET "status" = EXCLUDED."status", "activeAt" = now(), "updatedAt" = now()`,
    [ctx.organization.id, ctx.actor.id, status],
  );
  // Coming online may take waiting conversations.
  if (status === "online") await requestAssignment({ organizationId: ctx.organization.id });
  return availabilityOf(ctx);
}

const AVAILABILITY = statement<{ status: string; available: boolean | null }>(
  `SELECT a."status"::text AS "status",
          (a."status" = 'online' AND a."seenAt" > now() - make_interval(secs => $3::double precision / 1000)
            AND a."activeAt" > now() - make_interval(mins => $4::int)) AS "available"
     FROM "AgentAvailability" a WHERE a."organizationId" = $1 AND a."userId" = $2`,
  { status: "string", available: "boolean?" },
);

/** The member's availability; online (by default) until they choose otherwise. */
export async function availabilityOf(ctx: MemberContext): Promise<AgentAvailabilityView> {
  const { rows } = await sql().query(AVAILABILITY, [ctx.organization.id, ctx.actor.id, SEEN_GRACE_MS, env().AGENT_IDLE_MINUTES]);
  const row = rows[0];
  return { status: (row?.status as AvailabilityStatus | undefined) ?? "online", available: row?.available ?? false };
}
