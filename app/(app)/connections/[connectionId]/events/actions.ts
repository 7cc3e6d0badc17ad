"use server";

import { revalidatePath } from "next/cache";
import { formFields, runAction, type ActionResult } from "@/lib/actions/action";
import { requireMember } from "@/lib/auth/require-member";
import { parseInput } from "@/lib/validation";
import { replayFailedSchema, replayFailedWebhookEvents, replayWebhookEvent } from "@/lib/webhooks";

const page = (connectionId: string) => `/connections/${connectionId}/events`;

export async function replayEventAction(connectionId: string, eventId: string): Promise<ActionResult> {
  return runAction(async () => {
    await replayWebhookEvent(await requireMember(null, "admin"), connectionId, eventId);
    revalidatePath(page(connectionId));
  }, "Queued for processing again.");
}

export async function replayFailedAction(connectionId: string, _: unknown, form: FormData): Promise<ActionResult<number>> {
  return runAction(async () => {
    const range = parseInput(replayFailedSchema, formFields(form));
    const replayed = await replayFailedWebhookEvents(await requireMember(null, "admin"), connectionId, range);
    revalidatePath(page(connectionId));
    return replayed;
  });
}
