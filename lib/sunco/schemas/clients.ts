// Clients (a user's presence on one channel) and devices (an SDK install of a client).
import { z } from "zod";
import { openEnum, paginated, pageQuerySchema, timestampSchema, wrapped } from "./common";
import { brandIdQuerySchema } from "./users";

/** Differs from the integration types: SDK integrations (ios, android, unity, web) all yield `sdk` clients. */
export const CLIENT_TYPES = [
  "apple",
  "gbm",
  "googlercs",
  "instagram",
  "kakao",
  "line",
  "mailgun",
  "messagebird",
  "messenger",
  "slackconnect",
  "sdk",
  "telegram",
  "twilio",
  "twitter",
  "viber",
  "wechat",
  "whatsapp",
] as const;

export const clientTypeSchema = z.enum(CLIENT_TYPES);

export const clientSchema = z.looseObject({
  id: z.string(),
  type: openEnum(CLIENT_TYPES),
  /** Only an active client receives messages; a channel link starts `pending`. */
  status: openEnum(["active", "blocked", "inactive", "pending"]),
  /** Null for `sdk` clients, which span several integrations. */
  integrationId: z.string().nullable().optional(),
  /** The user's id on the channel, e.g. a phone number for Twilio. */
  externalId: z.string().nullable().optional(),
  lastSeen: timestampSchema.nullable().optional(),
  linkedAt: timestampSchema.nullable().optional(),
  displayName: z.string().nullable().optional(),
  avatarUrl: z.url().nullable().optional(),
  info: z.record(z.string(), z.unknown()).nullable().optional(),
  raw: z.record(z.string(), z.unknown()).nullable().optional(),
});

export const deviceSchema = z.looseObject({
  id: z.string(),
  type: openEnum(["android", "ios", "web"]),
  /** Generated client-side by the SDK. */
  guid: z.string().optional(),
  clientId: z.string().optional(),
  /** Whether the device receives push notifications. */
  status: openEnum(["active", "inactive"]),
  integrationId: z.string().optional(),
  lastSeen: timestampSchema.optional(),
  pushNotificationToken: z.string().nullable().optional(),
  info: z.record(z.string(), z.unknown()).nullable().optional(),
  appVersion: z.string().nullable().optional(),
});

/** ListClients: cursor pagination, and `brandId` for a brand-separated user. */
export const listClientsQuerySchema = pageQuerySchema.safeExtend(brandIdQuerySchema.shape);

export const clientResponseSchema = wrapped("client", clientSchema);
export const clientListResponseSchema = paginated("clients", clientSchema);
export const deviceResponseSchema = wrapped("device", deviceSchema);
/** Sorted by last seen; not paginated. */
export const deviceListResponseSchema = wrapped("devices", z.array(deviceSchema));

export type ClientType = z.infer<typeof clientTypeSchema>;
export type Client = z.infer<typeof clientSchema>;
export type Device = z.infer<typeof deviceSchema>;
