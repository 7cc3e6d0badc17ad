// What members send about notifications: their preferences and their browsers' push subscriptions.
import { z } from "zod";

export const NOTIFICATION_KINDS = ["assigned", "message", "mention"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_CHANNELS = ["browser", "push", "sound"] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

const flag = z.boolean();

export const preferencesSchema = z.object({
  assigned: flag,
  message: flag,
  mention: flag,
  browser: flag,
  push: flag,
  sound: flag,
});
export type NotificationPreferences = z.infer<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: NotificationPreferences = { assigned: true, message: true, mention: true, browser: true, push: true, sound: true };

/** Push service URLs are a few hundred characters; the keys are a P-256 point (65 bytes) and 16 bytes, base64url. */
const base64url = (min: number, max: number) =>
  z.string().regex(/^[A-Za-z0-9_-]+=*$/, "must be base64url").min(min, "is too short").max(max, "is too long");

/** A PushSubscription's JSON, as the browser gives it (pushManager.subscribe().toJSON()). */
export const pushSubscriptionSchema = z.object({
  endpoint: z.string().trim().min(1, "is required").max(1024, "must be at most 1024 characters"),
  keys: z.object({ p256dh: base64url(80, 100), auth: base64url(16, 32) }),
});
export type PushSubscriptionInput = z.infer<typeof pushSubscriptionSchema>;

export const pushEndpointSchema = pushSubscriptionSchema.shape.endpoint;
