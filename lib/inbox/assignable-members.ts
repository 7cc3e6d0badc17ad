// Who a conversation can be assigned to: members of the organization who see its connection (lib/teams).
import type { MemberContext } from "@/lib/auth/require-member";
import { listMemberNames, type MemberName } from "@/lib/organizations/member-names";
import { membersSeeing } from "@/lib/teams";

export type AssignableMember = MemberName;

/** Everyone in the organization by name, or, given a connection, those who see its conversations. */
export async function listAssignableMembers(ctx: Pick<MemberContext, "organization">, connectionId?: string): Promise<AssignableMember[]> {
  const members = await listMemberNames(ctx);
  if (!connectionId) return members;
  const seeing = new Set(await membersSeeing(ctx.organization.id, connectionId));
  return members.filter((member) => seeing.has(member.id));
}
