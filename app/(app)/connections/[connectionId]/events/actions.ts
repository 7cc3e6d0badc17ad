"use server";

import { formInput } from "@/lib/actions/action";
import { memberAction } from "@/lib/actions/member-action";
import { replayEventSchema, replayFailedFormSchema, replayFailedWebhookEvents, replayWebhookEvent } from "@/lib/webhooks";

const eventLog = ({ connectionId }: { connectionId: string }) => `/connections/${connectionId}/events`;

export const replayEventAction = memberAction(replayEventSchema, "admin", (ctx, { connectionId, eventId }) => replayWebhookEvent(ctx, connectionId, eventId), {
  input: (connectionId: string, eventId: string) => ({ connectionId, eventId }),
  revalidate: eventLog,
  message: "Queued for processing again.",
});

/** Every failed event received in a range, again; answers how many. */
export const replayFailedAction = memberAction(
  replayFailedFormSchema,
  "admin",
  (ctx, { connectionId, ...range }) => replayFailedWebhookEvents(ctx, connectionId, range),
  { input: formInput({ bound: "connectionId" }), revalidate: eventLog },
);
