// Who belongs to an organization, and with which role. An organization always keeps at least one owner.
import { z } from "zod";
import type { ActorContext } from "@/lib/auth/actor";
import { audited } from "@/lib/audit/record";
import { membershipOf, roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { setActiveOrganization, type ResolvedSession } from "@/lib/auth/sessions";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";

export const roleSchema = z.enum(["owner", "admin", "agent"], { message: "Choose a role." });

/** A member's new role, as the members page sends it. */
export const memberRoleSchema = z.object({ membershipId: z.string(), role: roleSchema });

/** The organization switcher's choice. */
export const switchOrganizationSchema = z.object({ organizationId: z.string() });

/** Everyone in the organization (or with one role), oldest membership first: the members page, and the partner API. */
export async function listMembers(ctx: ActorContext, filter: { role?: Role } = {}) {
  return db().membership.findMany({
    where: { organizationId: ctx.organization.id, ...(filter.role ? { role: filter.role } : {}) },
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ createdAt: "asc" }],
  });
}

async function findMembership(ctx: MemberContext, membershipId: string) {
  const membership = await db().membership.findFirst({
    where: { id: membershipId, organizationId: ctx.organization.id },
    include: { user: { select: { email: true } } },
  });
  if (!membership) throw new NotFoundError("That member is not in this organization.");
  return membership;
}

/** Owners manage everyone; admins manage admins and agents. */
function assertCanManage(ctx: MemberContext, currentRole: Role, newRole?: Role) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage members.");
  if ((currentRole === "owner" || newRole === "owner") && ctx.role !== "owner") {
    throw new ForbiddenError("Only owners can change owners.");
  }
}

async function assertNotLastOwner(organizationId: string, membershipRole: Role) {
  if (membershipRole !== "owner") return;
  const owners = await db().membership.count({ where: { organizationId, role: "owner" } });
  if (owners <= 1) throw new ConflictError("An organization needs at least one owner. Make someone else owner first.");
}

export async function changeMemberRole(ctx: MemberContext, membershipId: string, { role }: { role: Role }) {
  const membership = await findMembership(ctx, membershipId);
  assertCanManage(ctx, membership.role, role);
  if (membership.role === role) return membership;
  return audited(
    ctx,
    { action: "member.role_changed", target: membership.user.email, before: { role: membership.role }, after: () => ({ role }) },
    async () => {
      await assertNotLastOwner(ctx.organization.id, membership.role);
      return db().membership.update({ where: { id: membership.id }, data: { role } });
    },
  );
}

export async function removeMember(ctx: MemberContext, membershipId: string) {
  const membership = await findMembership(ctx, membershipId);
  assertCanManage(ctx, membership.role);
  await audited(
    ctx,
    { action: "member.removed", target: membership.user.email, before: { role: membership.role } },
    async () => {
      await assertNotLastOwner(ctx.organization.id, membership.role);
      await db().membership.delete({ where: { id: membership.id } });
    },
  );
}

/** The signed-in person works in another of their organizations from now on. */
export async function switchOrganization(session: ResolvedSession, { organizationId }: { organizationId: string }) {
  await setActiveOrganization(session.id, membershipOf(session, organizationId, "agent").organization.id);
}
