"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import { acceptInviteWithNewAccount, inviteAccountSchema, joinOrganization } from "@/lib/organizations/invites";

/** A signed-in person joins with the link's token. */
export const joinWithInviteAction = memberAction(z.string(), "signed-in", joinOrganization, { field: "token", returns: nothing, redirect: () => "/inbox" });

/** Someone new: the page binds the link's token to the new account's form. */
export const createAccountFromInviteAction = memberAction(
  inviteAccountSchema,
  "public",
  (request, { token, ...account }) => acceptInviteWithNewAccount(token, account, request),
  { input: formInput({ bound: "token" }), returns: ({ user }) => ({ email: user.email }) },
);
