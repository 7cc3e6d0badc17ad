"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import { setActiveOrganization } from "@/lib/auth/sessions";

export async function switchOrganizationAction(form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const member = await requireMember(String(form.get("organizationId") ?? ""));
    await setActiveOrganization(member.sessionId, member.organization.id);
    revalidatePath("/", "layout");
  });
}
