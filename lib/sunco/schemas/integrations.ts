// Integrations (a tenant's channels and custom integrations) and custom-integration API keys.
//
// Each channel type is described once by its writable fields (secrets and settings, required ones non-optional)
// and its read-only fields. The create body is `type` + writable fields; the resource SunCo returns has every field
// optional, since secrets are write-only and never come back.
import { z } from "zod";
import { openEnum, openUnion, paginated, pageQuerySchema, wrapped } from "./common";
import { fieldSchema } from "./messages";
import { webhookCreateBodySchema, webhookSchema } from "./webhooks";

export const INTEGRATION_TYPES = [
  "android",
  "apple",
  "custom",
  "instagram",
  "ios",
  "line",
  "mailgun",
  "messagebird",
  "messenger",
  "telegram",
  "twilio",
  "twitter",
  "unity",
  "viber",
  "web",
  "whatsapp",
] as const;

export type IntegrationType = (typeof INTEGRATION_TYPES)[number];
type ChannelType = Exclude<IntegrationType, "custom">;

const integrationDisplayNameSchema = z.string().min(1).max(100).nullable();
const secret = z.string().min(1);
const nullableSecret = secret.nullable();

const conversationListShape = {
  /** Only applies to apps with settings.multiConvoEnabled. */
  canUserSeeConversationList: z.boolean().optional(),
  canUserCreateMoreConversations: z.boolean().optional(),
};

/** Configured in Zendesk Admin Center only. */
const sdkReadOnlyShape = { attachmentsEnabled: z.boolean().optional() };

const androidWritable = {
  /** From the Firebase service account's private key file. */
  projectId: nullableSecret.optional(),
  clientEmail: nullableSecret.optional(),
  privateKey: nullableSecret.optional(),
  /** Legacy FCM credentials, dead since June 2024. */
  serverKey: nullableSecret.optional(),
  senderId: nullableSecret.optional(),
  ...conversationListShape,
};

const appleWritable = {
  businessId: z.string(),
  apiSecret: z.string(),
  mspId: z.string(),
  /** Signs the state of Apple authentication 2.0 messages. */
  authenticationMessageSecret: z.string().min(88).optional(),
};

const instagramWritable = {
  pageAccessToken: z.string().nullable(),
  appId: z.string(),
  appSecret: z.string().nullable(),
  storyRepliesEnabled: z.boolean().optional(),
  storyMentionsEnabled: z.boolean().optional(),
};

const instagramReadOnly = {
  businessName: z.string().optional(),
  businessUsername: z.string().optional(),
  pageId: z.string().optional(),
  businessId: z.string().optional(),
  username: z.string().optional(),
  userId: z.string().optional(),
};

const iosWritable = {
  /** The APN certificate (.p12), base64. */
  certificate: nullableSecret.optional(),
  password: z.string().optional(),
  production: z.boolean().optional(),
  autoUpdateBadge: z.boolean().optional(),
  ...conversationListShape,
};

const lineWritable = {
  /** channelId and channelSecret may be omitted to set up the webhook first. */
  channelId: z.string().optional(),
  channelSecret: z.string().optional(),
  channelAccessToken: z.string().optional(),
  serviceCode: z.string().optional(),
  switcherSecret: secret.optional(),
  qrCodeUrl: z.string().optional(),
};

const mailgunWritable = {
  apiKey: nullableSecret,
  signingKey: secret.optional(),
  domain: z.string().min(1),
  /** Must be on `domain`; also the Reply-To address. */
  incomingAddress: z.string().min(1),
  hideUnsubscribeLink: z.boolean().optional(),
  fromAddress: z.string().min(1).nullable().optional(),
};

const messagebirdWritable = {
  accessKey: nullableSecret,
  signingKey: nullableSecret,
  /** The number SunCo receives messages on. */
  originator: z.string().min(1),
};

const messengerWritable = {
  pageAccessToken: z.string().nullable(),
  appId: z.string(),
  appSecret: z.string().nullable(),
};

const messengerReadOnly = {
  // Spec contradiction: typed number, but its example is a string (page ids overflow doubles anyway). Accept both.
  pageId: z.union([z.string(), z.number()]).optional(),
  pageName: z.string().optional(),
};

const telegramWritable = { token: nullableSecret };

const twilioWritable = {
  accountSid: z.string(),
  authToken: nullableSecret,
  /** One of phoneNumberSid and messagingServiceSid is required on create. */
  phoneNumberSid: secret.optional(),
  messagingServiceSid: secret.optional(),
};

const twitterWritable = {
  /** Only enterprise is supported for new integrations. */
  tier: z.literal("enterprise"),
  consumerKey: secret,
  consumerSecret: nullableSecret,
  accessTokenKey: secret,
  accessTokenSecret: nullableSecret,
};

const viberWritable = { token: nullableSecret };

const prechatCaptureSchema = z.looseObject({
  avatarUrl: z.string().optional(),
  enabled: z.boolean().optional(),
  /** Links submitted emails when Mailgun is integrated. */
  enableEmailLinking: z.boolean().optional(),
  fields: z.array(fieldSchema).optional(),
});

const webWritable = {
  /** Colors are 3 or 6 hex digits. */
  brandColor: z.string().optional(),
  fixedIntroPane: z.boolean().optional(),
  conversationColor: z.string().optional(),
  actionColor: z.string().optional(),
  displayStyle: z.string().optional(),
  buttonIconUrl: z.string().nullable().optional(),
  buttonWidth: z.string().optional(),
  buttonHeight: z.string().optional(),
  integrationOrder: z.array(z.string()).nullable().optional(),
  businessName: z.string().optional(),
  businessIconUrl: z.string().optional(),
  backgroundImageUrl: z.string().optional(),
  originWhitelist: z.array(z.string()).nullable().optional(),
  prechatCapture: prechatCaptureSchema.optional(),
  ...conversationListShape,
};

const whatsappWritable = {
  hsmFallbackLanguage: z.string().nullable().optional(),
  accountId: z.string().nullable().optional(),
  accountManagementAccessToken: z.string().nullable().optional(),
};

const CHANNELS = {
  android: { writable: androidWritable, readOnly: sdkReadOnlyShape },
  apple: { writable: appleWritable, readOnly: {} },
  instagram: { writable: instagramWritable, readOnly: instagramReadOnly },
  ios: { writable: iosWritable, readOnly: sdkReadOnlyShape },
  line: { writable: lineWritable, readOnly: { lineId: z.string().optional() } },
  mailgun: { writable: mailgunWritable, readOnly: {} },
  messagebird: { writable: messagebirdWritable, readOnly: { webhookSecret: z.string().optional() } },
  messenger: { writable: messengerWritable, readOnly: messengerReadOnly },
  telegram: { writable: telegramWritable, readOnly: { username: z.string().optional(), botId: z.string().optional() } },
  twilio: { writable: twilioWritable, readOnly: {} },
  twitter: { writable: twitterWritable, readOnly: { envName: z.string().optional() } },
  unity: { writable: conversationListShape, readOnly: sdkReadOnlyShape },
  viber: { writable: viberWritable, readOnly: { uri: z.string().optional(), accountId: z.string().optional() } },
  web: { writable: webWritable, readOnly: sdkReadOnlyShape },
  whatsapp: { writable: whatsappWritable, readOnly: { phoneNumber: z.string().nullable().optional() } },
} satisfies Record<ChannelType, { writable: z.ZodRawShape; readOnly: z.ZodRawShape }>;

type Channels = typeof CHANNELS;

/** Which switchboard integration answers on this channel (overrides the switchboard default). */
const defaultResponderSchema = z.looseObject({
  name: z.string().optional(),
  integrationId: z.string().optional(),
  integrationType: z.string().optional(),
  deliverStandbyEvents: z.boolean().optional(),
  nextSwitchboardIntegrationId: z.string().nullable().optional(),
  messageHistoryCount: z.number().nullable().optional(),
  /** False when this channel overrides the switchboard's default responder. */
  inherited: z.boolean().optional(),
});

const channelSettingsShape = {
  defaultResponderId: z.string().nullable().optional(),
  /** Show end users a disclaimer on AI-generated messages (default true). */
  showAIDisclaimer: z.boolean().optional(),
};

const integrationBaseShape = {
  id: z.string(),
  status: openEnum(["inactive", "active", "error"]).optional(),
  displayName: z.string().max(100).nullable().optional(),
};

// Each channel's shapes are passed in (not looked up by type inside one generic body): read through `Channels[T]`,
// TypeScript spread every channel's shapes into each channel, and the integration type became a union of 486,001
// objects, which made tsc fail or run out of memory.
function channelResource<T extends ChannelType, W extends z.ZodRawShape, R extends z.ZodRawShape>(
  type: T,
  { writable, readOnly }: { writable: W; readOnly: R },
) {
  return z.looseObject({
    ...integrationBaseShape,
    type: z.literal(type),
    ...channelSettingsShape,
    defaultResponder: defaultResponderSchema.nullable().optional(),
    ...z.object(writable).partial().shape,
    ...readOnly,
  });
}

function channelCreateBody<T extends ChannelType>(type: T) {
  return z.object({
    type: z.literal(type),
    displayName: integrationDisplayNameSchema.optional(),
    ...channelSettingsShape,
    ...(CHANNELS[type].writable as Channels[T]["writable"]),
  });
}

const customIntegrationSchema = z.looseObject({
  ...integrationBaseShape,
  type: z.literal("custom"),
  webhooks: z.array(webhookSchema).optional(),
});

const knownIntegrationSchema = z.discriminatedUnion("type", [
  channelResource("android", CHANNELS.android),
  channelResource("apple", CHANNELS.apple),
  customIntegrationSchema,
  channelResource("instagram", CHANNELS.instagram),
  channelResource("ios", CHANNELS.ios),
  channelResource("line", CHANNELS.line),
  channelResource("mailgun", CHANNELS.mailgun),
  channelResource("messagebird", CHANNELS.messagebird),
  channelResource("messenger", CHANNELS.messenger),
  channelResource("telegram", CHANNELS.telegram),
  channelResource("twilio", CHANNELS.twilio),
  channelResource("twitter", CHANNELS.twitter),
  channelResource("unity", CHANNELS.unity),
  channelResource("viber", CHANNELS.viber),
  channelResource("web", CHANNELS.web),
  channelResource("whatsapp", CHANNELS.whatsapp),
]);

/** An integration as SunCo returns it; a channel type added after this spec still parses. */
export const integrationSchema = openUnion(knownIntegrationSchema);

/** A custom integration is created with exactly one webhook (more are added through the webhook endpoints). */
const customCreateBodySchema = z.object({
  type: z.literal("custom"),
  displayName: integrationDisplayNameSchema.optional(),
  webhooks: z.array(webhookCreateBodySchema).length(1, "must hold exactly 1 webhook"),
});

/** CreateIntegration. SunCo answers an unknown type with 400 "Invalid integration type". */
export const integrationCreateBodySchema = z.discriminatedUnion(
  "type",
  [
    channelCreateBody("android"),
    channelCreateBody("apple"),
    customCreateBodySchema,
    channelCreateBody("instagram"),
    channelCreateBody("ios"),
    channelCreateBody("line"),
    channelCreateBody("mailgun"),
    channelCreateBody("messagebird"),
    channelCreateBody("messenger"),
    channelCreateBody("telegram"),
    channelCreateBody("twilio").refine((body) => body.phoneNumberSid !== undefined || body.messagingServiceSid !== undefined, {
      path: ["phoneNumberSid"],
      message: "or messagingServiceSid is required",
    }),
    channelCreateBody("twitter"),
    channelCreateBody("unity"),
    channelCreateBody("viber"),
    channelCreateBody("web"),
    channelCreateBody("whatsapp"),
  ],
);

// ——— UpdateIntegration ———

const channelUpdateBaseShape = {
  /** `null` unsets it. */
  displayName: integrationDisplayNameSchema.optional(),
  ...channelSettingsShape,
};

// What UpdateIntegration can change beyond the base, per type; anything else means deleting and re-creating the
// integration. Types absent here (line, messagebird, telegram, twilio, twitter, viber) take the base only.
const updatableShapes = {
  android: z.object(androidWritable).partial().shape,
  apple: z.object(appleWritable).pick({ authenticationMessageSecret: true }).shape,
  instagram: z
    .object(instagramWritable)
    .partial()
    .pick({ pageAccessToken: true, storyRepliesEnabled: true, storyMentionsEnabled: true }).shape,
  ios: z.object(iosWritable).partial().shape,
  mailgun: z.object(mailgunWritable).pick({ hideUnsubscribeLink: true, fromAddress: true }).shape,
  messenger: z.object(messengerWritable).partial().pick({ pageAccessToken: true }).shape,
  unity: conversationListShape,
  web: webWritable,
  whatsapp: whatsappWritable,
} satisfies Partial<Record<ChannelType, z.ZodRawShape>>;

/**
 * UpdateIntegration's body whatever the type (the body doesn't say it): every field some type can update. The sandbox
 * checks it against the stored integration's type with `integrationUpdateBodySchemaFor`.
 */
export const integrationUpdateBodySchema = z.object({
  ...channelUpdateBaseShape,
  ...updatableShapes.android,
  ...updatableShapes.apple,
  ...updatableShapes.instagram,
  ...updatableShapes.ios,
  ...updatableShapes.mailgun,
  ...updatableShapes.messenger,
  ...updatableShapes.unity,
  ...updatableShapes.web,
  ...updatableShapes.whatsapp,
});

function updateErrorFor(type: IntegrationType) {
  return (issue: { code: string }) =>
    issue.code === "unrecognized_keys"
      ? `cannot be updated on a ${type} integration: delete the integration and create it again`
      : undefined;
}

/**
 * UpdateIntegration's body for an integration of the given type. Strict: a field the type can't update is an error
 * naming it, rather than a change silently dropped.
 */
export function integrationUpdateBodySchemaFor(type: IntegrationType) {
  const shape: z.ZodRawShape =
    type === "custom"
      ? { displayName: integrationDisplayNameSchema.optional() }
      : { ...channelUpdateBaseShape, ...(updatableShapes as Partial<Record<ChannelType, z.ZodRawShape>>)[type] };
  // Each type's fields are a subset of integrationUpdateBodySchema's, so what it parses fits that schema's type.
  return z.strictObject(shape, { error: updateErrorFor(type) }) as unknown as z.ZodType<IntegrationUpdateBody>;
}

export type IntegrationUpdateBody = z.input<typeof integrationUpdateBodySchema>;

/** ListIntegrations: `filter[types]=custom,web` plus cursor pagination. */
export const listIntegrationsQuerySchema = pageQuerySchema.safeExtend({
  "filter[types]": z
    .string()
    .refine((types) => types.split(",").every((type) => (INTEGRATION_TYPES as readonly string[]).includes(type)), {
      message: `must be a comma-separated list of integration types (${INTEGRATION_TYPES.join(", ")})`,
    })
    .optional(),
});

export const integrationResponseSchema = wrapped("integration", integrationSchema);
export const integrationListResponseSchema = paginated("integrations", integrationSchema);

// ——— Custom-integration API keys (custom integrations only, at most 10 each) ———

export const integrationKeySchema = z.looseObject({
  /** `int_…` */
  id: z.string(),
  displayName: z.string().nullable().optional(),
  secret: z.string(),
});

export const integrationKeyCreateBodySchema = z.object({ displayName: z.string() });

export const integrationKeyResponseSchema = wrapped("key", integrationKeySchema);
export const integrationKeyListResponseSchema = wrapped("keys", z.array(integrationKeySchema));

export type Integration = z.infer<typeof integrationSchema>;
export type IntegrationCreateBody = z.input<typeof integrationCreateBodySchema>;
export type IntegrationKey = z.infer<typeof integrationKeySchema>;
