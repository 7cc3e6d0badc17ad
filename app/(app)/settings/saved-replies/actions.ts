"use server";

import { revalidatePath } from "next/cache";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import { createSavedReply, deleteSavedReply, savedReplySchema, updateSavedReply } from "@/lib/inbox";
import { parseInput } from "@/lib/validation";

const PAGE = "/settings/saved-replies";

export async function createSavedReplyAction(_: unknown, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseInput(savedReplySchema, formFields(form));
    await createSavedReply(await requireMember(null, "admin"), input);
    revalidatePath(PAGE);
  }, "Saved reply added.");
}

export async function updateSavedReplyAction(id: string, _: unknown, form: FormData): Promise<ActionResult> {
  return runAction(async () => {
    const input = parseInput(savedReplySchema, formFields(form));
    await updateSavedReply(await requireMember(null, "admin"), id, input);
    revalidatePath(PAGE);
  }, "Saved reply updated.");
}

export async function deleteSavedReplyAction(id: string): Promise<ActionResult> {
  return runAction(async () => {
    await deleteSavedReply(await requireMember(null, "admin"), id);
    revalidatePath(PAGE);
  }, "Saved reply deleted.");
}
