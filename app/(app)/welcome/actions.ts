"use server";

import { redirect } from "next/navigation";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { requireSession } from "@/lib/auth/require-member";
import { setActiveOrganization } from "@/lib/auth/sessions";
import { createOrganization } from "@/lib/organizations/sign-up";

export async function createOrganizationAction(_: unknown, form: FormData): Promise<ActionResult> {
  const result = await runAction(async () => {
    const session = await requireSession();
    const organization = await createOrganization(session.user.id, { name: formFields(form).name });
    await setActiveOrganization(session.id, organization.id);
  });
  if (result.ok) redirect("/inbox");
  return result;
}
