// Teams written straight into the database, for tests of what they grant.
import { randomBytes } from "node:crypto";
import { db } from "@/lib/db";

export interface TeamSpec {
  organizationId: string;
  name?: string;
  autoAssign?: boolean;
  members?: (string | { userId: string; lead?: boolean; capacity?: number })[];
  connectionIds?: string[];
}

export async function createTeam(spec: TeamSpec) {
  const team = await db().team.create({
    data: { organizationId: spec.organizationId, name: spec.name ?? `Team ${randomBytes(3).toString("hex")}`, autoAssign: spec.autoAssign ?? true },
  });
  for (const member of spec.members ?? []) {
    const { userId, lead, capacity } = typeof member === "string" ? { userId: member } : member;
    await db().teamMember.create({ data: { teamId: team.id, organizationId: spec.organizationId, userId, lead: lead ?? false, capacity: capacity ?? 5 } });
  }
  for (const connectionId of spec.connectionIds ?? []) await db().teamConnection.create({ data: { teamId: team.id, connectionId } });
  return team;
}
