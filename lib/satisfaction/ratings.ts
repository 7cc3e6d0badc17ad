// What reports read of satisfaction: the answered surveys of an organization over a time range, by answer time
// ("SatisfactionSurvey_organizationId_answeredAt_idx"), with the connection and the assignee at the time of resolving.
import type { MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";

export interface SatisfactionRating {
  surveyId: string;
  conversationId: string;
  connectionId: string;
  assigneeId: string | null;
  rating: number;
  comment: string | null;
  answeredAt: Date;
}

/** The table's columns may be null (a survey awaiting its answer); the query reads only answered ones. */
type Row = Omit<SatisfactionRating, "rating" | "answeredAt"> & { rating: number | null; answeredAt: Date | null };

const RATINGS = statement<Row>(
  `SELECT "id" AS "surveyId", "conversationId", "connectionId", "assigneeId", "rating", "comment", "answeredAt"
     FROM "SatisfactionSurvey"
    WHERE "organizationId" = $1 AND "answeredAt" >= $2 AND "answeredAt" < $3 AND "rating" IS NOT NULL
    ORDER BY "answeredAt", "id"`,
  {
    surveyId: "string",
    conversationId: "string",
    connectionId: "string",
    assigneeId: "string?",
    rating: "number?",
    comment: "string?",
    answeredAt: "Date?",
  },
);

/** The organization's ratings answered in [from, to). */
export async function listSatisfactionRatings(ctx: MemberContext, range: { from: Date; to: Date }): Promise<SatisfactionRating[]> {
  const { rows } = await sql().query(RATINGS, [ctx.organization.id, range.from, range.to]);
  return rows.map((row) => ({ ...row, rating: row.rating!, answeredAt: row.answeredAt! }));
}
