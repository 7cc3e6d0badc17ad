// An organization's members by name, for the domains that pick one (the inbox assigns conversations to them).
import type { MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";

export interface MemberName {
  /** The member's user id. */
  id: string;
  name: string;
}

/** Everyone in the member's organization, by name. */
export async function listMemberNames(ctx: Pick<MemberContext, "organization">): Promise<MemberName[]> {
  const memberships = await db().membership.findMany({
    where: { organizationId: ctx.organization.id },
    select: { user: { select: { id: true, name: true } } },
    orderBy: [{ user: { name: "asc" } }, { user: { id: "asc" } }],
  });
  return memberships.map(({ user }) => user);
}

/** The member's name, or null when the user does not belong to the organization. */
export async function memberName(organizationId: string, userId: string): Promise<string | null> {
  const membership = await db().membership.findFirst({ where: { organizationId, userId }, select: { user: { select: { name: true } } } });
  return membership?.user.name ?? null;
}
