"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import { createInvite, revokeInvite } from "@/lib/organizations/invites";
import { changeMemberRole, removeMember } from "@/lib/organizations/members";

const PAGE = "/settings/members";

export async function createInviteAction(_: unknown, form: FormData): Promise<ActionResult<{ url: string; expiresAt: Date }>> {
  return runAction(async () => {
    const member = await requireMember(null, "admin");
    const invite = await createInvite(member, { role: form.get("role") });
    revalidatePath(PAGE);
    return { url: invite.url, expiresAt: invite.expiresAt };
  });
}

export async function revokeInviteAction(inviteId: string): Promise<ActionResult> {
  return runAction(async () => {
    await revokeInvite(await requireMember(null, "admin"), inviteId);
    revalidatePath(PAGE);
  }, "Invite withdrawn.");
}

export async function changeRoleAction(membershipId: string, role: string): Promise<ActionResult> {
  return runAction(async () => {
    await changeMemberRole(await requireMember(null, "admin"), membershipId, { role });
    revalidatePath(PAGE);
  }, "Role updated.");
}

export async function removeMemberAction(membershipId: string): Promise<ActionResult> {
  return runAction(async () => {
    await removeMember(await requireMember(null, "admin"), membershipId);
    revalidatePath(PAGE);
  }, "Member removed.");
}
