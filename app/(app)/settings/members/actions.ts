"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { createInvite, inviteSchema, revokeInvite } from "@/lib/organizations/invites";
import { changeMemberRole, memberRoleSchema, removeMember } from "@/lib/organizations/members";

const PAGE = "/settings/members";

export const createInviteAction = memberAction(inviteSchema, "admin", createInvite, {
  input: formInput(),
  revalidate: PAGE,
  returns: (invite) => ({ url: invite.url, expiresAt: invite.expiresAt }),
});

export const revokeInviteAction = memberAction(z.string(), "admin", revokeInvite, { field: "inviteId", revalidate: PAGE, message: "Invite withdrawn." });

export const changeRoleAction = memberAction(memberRoleSchema, "admin", (ctx, { membershipId, role }) => changeMemberRole(ctx, membershipId, { role }), {
  input: (membershipId: string, role: string) => ({ membershipId, role }),
  revalidate: PAGE,
  returns: nothing,
  message: "Role updated.",
});

export const removeMemberAction = memberAction(z.string(), "admin", removeMember, { field: "membershipId", revalidate: PAGE, message: "Member removed." });
