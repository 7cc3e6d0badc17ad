// Owners and admins make teams: their names, their members (with lead and capacity) and the connections they serve.
// Every change is audited, and one that may free or add room for waiting conversations asks for an assignment round.
import { audited } from "@/lib/audit/record";
import type { MemberContext } from "@/lib/auth/require-member";
import { listConnections } from "@/lib/connections";
import { db, Prisma } from "@/lib/db";
import { ConflictError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { requestAssignment } from "./auto-assign";
import type { TeamMemberSettings } from "./schemas";

export interface TeamView {
  id: string;
  name: string;
  members: { userId: string; name: string; email: string; lead: boolean; capacity: number }[];
  connections: { id: string; appName: string }[];
  /** Weekly hours the team's connections' time metrics count (lib/reports), or null for every hour. */
  businessHours: unknown;
}

/** The organization's teams, by name, with their members and connections. */
export async function listTeams(ctx: MemberContext): Promise<TeamView[]> {
  const teams = await db().team.findMany({
    where: { organizationId: ctx.organization.id },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      businessHours: true,
      members: { select: { userId: true, lead: true, capacity: true, membership: { select: { user: { select: { name: true, email: true } } } } } },
      connections: { select: { connection: { select: { id: true, appName: true } } } },
    },
  });
  return teams.map((team) => ({
    id: team.id,
    name: team.name,
    members: team.members
      .map(({ membership, ...member }) => ({ ...member, name: membership.user.name, email: membership.user.email }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    connections: team.connections.map(({ connection }) => connection).sort((a, b) => a.appName.localeCompare(b.appName)),
    businessHours: team.businessHours,
  }));
}

async function findTeam(ctx: MemberContext, teamId: string) {
  const team = await db().team.findFirst({ where: { id: teamId, organizationId: ctx.organization.id } });
  if (!team) throw new NotFoundError("There is no such team in this organization.");
  return team;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createTeam(ctx: MemberContext, { name }: { name: string }) {
  return audited(ctx, { action: "team.created", target: name, after: (team: { id: string }) => ({ id: team.id, name }) }, async () => {
    try {
      return await db().team.create({ data: { organizationId: ctx.organization.id, name } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new InvalidInputError("A team of that name exists already.", { name: ["is taken"] });
      throw error;
    }
  });
}

export async function deleteTeam(ctx: MemberContext, teamId: string) {
  const team = await findTeam(ctx, teamId);
  await audited(ctx, { action: "team.deleted", target: team.name, before: { id: team.id, name: team.name } }, async () => {
    await db().team.delete({ where: { id: team.id } });
  });
}

export async function addTeamMember(ctx: MemberContext, { teamId, userId }: { teamId: string; userId: string }) {
  const team = await findTeam(ctx, teamId);
  const membership = await db().membership.findUnique({
    where: { organizationId_userId: { organizationId: ctx.organization.id, userId } },
    select: { user: { select: { email: true } } },
  });
  if (!membership) throw new InvalidInputError("Only members of this organization can join its teams.", { userId: ["is not a member"] });
  await audited(ctx, { action: "team.member_added", target: team.name, after: () => ({ member: membership.user.email }) }, async () => {
    try {
      await db().teamMember.create({ data: { teamId: team.id, organizationId: ctx.organization.id, userId } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${membership.user.email} is in ${team.name} already.`);
      throw error;
    }
  });
  await requestAssignment(team.id);
}

async function findTeamMember(ctx: MemberContext, teamId: string, userId: string) {
  const team = await findTeam(ctx, teamId);
  const member = await db().teamMember.findUnique({
    where: { teamId_userId: { teamId: team.id, userId } },
    include: { membership: { select: { user: { select: { email: true } } } } },
  });
  if (!member) throw new NotFoundError("That member is not in this team.");
  return { team, member };
}

export async function updateTeamMember(ctx: MemberContext, { teamId, userId, lead, capacity }: TeamMemberSettings) {
  const { team, member } = await findTeamMember(ctx, teamId, userId);
  await audited(
    ctx,
    {
      action: "team.member_updated",
      target: team.name,
      before: { member: member.membership.user.email, lead: member.lead, capacity: member.capacity },
      after: () => ({ member: member.membership.user.email, lead, capacity }),
    },
    () => db().teamMember.update({ where: { teamId_userId: { teamId: team.id, userId } }, data: { lead, capacity } }),
  );
  // More room: waiting conversations may go to them now.
  if (capacity > member.capacity) await requestAssignment(team.id);
}

export async function removeTeamMember(ctx: MemberContext, { teamId, userId }: { teamId: string; userId: string }) {
  const { team, member } = await findTeamMember(ctx, teamId, userId);
  await audited(ctx, { action: "team.member_removed", target: team.name, before: { member: member.membership.user.email } }, async () => {
    await db().teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId } } });
  });
}

export async function addTeamConnection(ctx: MemberContext, { teamId, connectionId }: { teamId: string; connectionId: string }) {
  const team = await findTeam(ctx, teamId);
  // Through lib/connections, the Connection table's owner: names only, never credentials.
  const connection = (await listConnections(ctx, "names")).find((candidate) => candidate.id === connectionId);
  if (!connection) throw new InvalidInputError("Choose one of this organization's connections.", { connectionId: ["is not a connection of this organization"] });
  await audited(ctx, { action: "team.connection_added", target: team.name, connectionId: connection.id, after: () => ({ connection: connection.appName }) }, async () => {
    try {
      await db().teamConnection.create({ data: { teamId: team.id, connectionId: connection.id } });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`${team.name} serves ${connection.appName} already.`);
      throw error;
    }
  });
  await requestAssignment(team.id);
}

export async function removeTeamConnection(ctx: MemberContext, { teamId, connectionId }: { teamId: string; connectionId: string }) {
  const team = await findTeam(ctx, teamId);
  const served = await db().teamConnection.findUnique({
    where: { teamId_connectionId: { teamId: team.id, connectionId } },
    include: { connection: { select: { appName: true } } },
  });
  if (!served) throw new NotFoundError("This team does not serve that connection.");
  await audited(ctx, { action: "team.connection_removed", target: team.name, connectionId, before: { connection: served.connection.appName } }, async () => {
    await db().teamConnection.delete({ where: { teamId_connectionId: { teamId: team.id, connectionId } } });
  });
}
