"use server";

import { z } from "zod";
import { formInput } from "@/lib/actions/action";
import { memberAction, nothing } from "@/lib/actions/member-action";
import {
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KINDS,
  pushEndpointSchema,
  pushSubscriptionSchema,
  removePushSubscription,
  saveNotificationPreferences,
  savePushSubscription,
} from "@/lib/notifications";

// A checkbox sends "on" when ticked and nothing otherwise.
const ticked = z.literal("on").optional().transform((value) => value === "on");
const formSchema = z.object(Object.fromEntries([...NOTIFICATION_KINDS, ...NOTIFICATION_CHANNELS].map((name) => [name, ticked])) as Record<
  (typeof NOTIFICATION_KINDS)[number] | (typeof NOTIFICATION_CHANNELS)[number],
  typeof ticked
>);

export const saveNotificationPreferencesAction = memberAction(formSchema, "agent", saveNotificationPreferences, {
  input: formInput(),
  revalidate: ["/", "layout"],
  returns: nothing,
  message: "Saved.",
});

/** This device's push subscription (PushSubscription.toJSON()). */
export const savePushSubscriptionAction = memberAction(pushSubscriptionSchema, "agent", savePushSubscription, { returns: nothing });

export const removePushSubscriptionAction = memberAction(pushEndpointSchema, "agent", removePushSubscription, { field: "endpoint", returns: nothing });
