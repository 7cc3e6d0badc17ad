// A team's business hours (Settings → Teams): saving them recounts, in the same transaction, the stored durations of
// the conversations of the connections whose hours they become (connection_business_hours in SQL decides which).
import { audited } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import type { BusinessHours } from "./schemas";

const SET_HOURS = statement<{ name: string; connectionIds: string[] }>(
  `UPDATE "Team" t SET "businessHours" = $3::jsonb, "updatedAt" = now()
    WHERE t."id" = $1 AND t."organizationId" = $2
   RETURNING t."name", ARRAY(SELECT tc."connectionId" FROM "TeamConnection" tc WHERE tc."teamId" = t."id") AS "connectionIds"`,
  { name: "string", connectionIds: "string[]" },
);

const RECOUNT = statement<Record<string, never>>(
  `UPDATE "Conversation" c SET
     "firstResponseSeconds" = "business_seconds"(c."firstUserMessageAt", c."firstResponseAt", "connection_business_hours"(c."connectionId")),
     "resolutionSeconds" = "business_seconds"(c."createdAt", c."resolvedAt", "connection_business_hours"(c."connectionId"))
    WHERE c."organizationId" = $1 AND c."connectionId" = ANY($2::text[]) AND (c."firstResponseAt" IS NOT NULL OR c."resolvedAt" IS NOT NULL)`,
  {},
);

/** Sets (or, with null, clears) the team's weekly hours. */
export async function setTeamBusinessHours(ctx: MemberContext, teamId: string, hours: BusinessHours | null): Promise<void> {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins change teams.");
  await audited(ctx, { action: "team.business_hours", target: teamId, after: () => ({ businessHours: hours }) }, () =>
    sql().transaction(async (tx) => {
      const { rows } = await tx.query(SET_HOURS, [teamId, ctx.organization.id, hours === null ? null : JSON.stringify(hours)]);
      if (!rows[0]) throw new NotFoundError("There is no such team in this organization.");
      await tx.query(RECOUNT, [ctx.organization.id, rows[0].connectionIds]);
    }),
  );
}
