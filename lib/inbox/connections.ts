// The organization's connections as the inbox's filter names them: any member may see which apps conversations come from.
import type { MemberContext } from "@/lib/auth/require-member";
import { sql } from "@/lib/db";

export interface InboxConnection {
  id: string;
  appName: string;
  state: string;
}

export async function listInboxConnections(ctx: MemberContext): Promise<InboxConnection[]> {
  const { rows } = await sql().query<InboxConnection>(
    `SELECT "id", "appName", "state"::text AS "state" FROM "Connection" WHERE "organizationId" = $1 ORDER BY lower("appName"), "id"`,
    [ctx.organization.id],
  );
  return rows;
}
