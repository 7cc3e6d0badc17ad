"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { requireSession } from "@/lib/auth/require-member";
import { setActiveOrganization } from "@/lib/auth/sessions";
import { clientAddressOf } from "@/lib/http/client-address";
import { acceptInvite, acceptInviteWithNewAccount } from "@/lib/organizations/invites";

export async function joinWithInviteAction(token: string): Promise<ActionResult> {
  const result = await runAction(async () => {
    const session = await requireSession();
    const { organizationId } = await acceptInvite(token, session.user.id);
    await setActiveOrganization(session.id, organizationId);
  });
  if (result.ok) redirect("/inbox");
  return result;
}

export async function createAccountFromInviteAction(
  token: string,
  form: FormData,
): Promise<ActionResult<{ email: string }>> {
  return runAction(async () => {
    const { user } = await acceptInviteWithNewAccount(token, formFields(form), {
      clientAddress: clientAddressOf(await headers()),
    });
    return { email: user.email };
  });
}
