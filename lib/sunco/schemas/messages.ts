// Messages: authors, the 9 content types, the 6 action types, and the PostMessage / PostActivity bodies.
import { z } from "zod";
import { clientSchema, deviceSchema } from "./clients";
import { metadataSchema, openEnum, openUnion, paginated, timestampSchema, webUrlSchema, wrapped } from "./common";
import { userSchema } from "./users";
import { whatsappTemplateSchema } from "./whatsapp-templates";

export const TEXT_MAX_LENGTH = 4096;

const richText = z.string().max(TEXT_MAX_LENGTH);
const shortText = z.string().max(128);

// ——— Actions ———

const extraChannelOptionsSchema = z.looseObject({
  messenger: z
    .looseObject({
      messenger_extensions: z.boolean().optional(),
      webview_share_button: z.literal("hide").optional(),
    })
    .optional(),
});

const buyActionSchema = z.looseObject({
  type: z.literal("buy"),
  text: z.string(),
  /** In cents: 9.99$ is 999. */
  amount: z.number().int(),
  /** ISO 4217, lowercase (the spec's example says CAD). */
  currency: z.string().optional(),
  metadata: metadataSchema.optional(),
});

const linkActionSchema = z.looseObject({
  type: z.literal("link"),
  text: z.string(),
  uri: z.string(),
  /** The default action of a Messenger item. */
  default: z.boolean().optional(),
  metadata: metadataSchema.optional(),
  extraChannelOptions: extraChannelOptionsSchema.optional(),
});

const locationRequestActionSchema = z.looseObject({
  type: z.literal("locationRequest"),
  text: z.string(),
  metadata: metadataSchema.optional(),
});

const postbackActionSchema = z.looseObject({
  type: z.literal("postback"),
  text: z.string(),
  payload: z.string(),
  metadata: metadataSchema.optional(),
});

/** Quick reply. Channels truncate its text (Messenger past 20 characters, Web/iOS/Android past 40). */
const replyActionSchema = z.looseObject({
  type: z.literal("reply"),
  text: z.string(),
  payload: z.string(),
  metadata: metadataSchema.optional(),
  iconUrl: z.string().optional(),
});

const webviewActionSchema = z.looseObject({
  type: z.literal("webview"),
  text: z.string(),
  uri: z.string(),
  /** Opened instead by channels without webviews. */
  fallback: z.string(),
  default: z.boolean().optional(),
  metadata: metadataSchema.optional(),
  extraChannelOptions: extraChannelOptionsSchema.optional(),
  size: z.enum(["compact", "tall", "full"]).optional(),
  /** Web Messenger only; at most one action of a message. */
  openOnReceive: z.boolean().optional(),
});

export const actionSchema = z.discriminatedUnion("type", [
  buyActionSchema,
  linkActionSchema,
  locationRequestActionSchema,
  postbackActionSchema,
  replyActionSchema,
  webviewActionSchema,
]);

/** The actions allowed on carousel/list items and on list messages. */
export const actionSubsetSchema = z.discriminatedUnion("type", [
  buyActionSchema,
  linkActionSchema,
  postbackActionSchema,
  webviewActionSchema,
]);

// ——— Items and form fields ———

/** A carousel or list item. */
export const itemSchema = z.looseObject({
  title: z.string().min(1).max(128),
  description: shortText.optional(),
  mediaUrl: webUrlSchema.max(2048).optional(),
  mediaType: shortText.optional(),
  altText: shortText.optional(),
  size: z.enum(["compact", "large"]).optional(),
  actions: z.array(actionSubsetSchema).min(1).max(3),
  metadata: metadataSchema.optional(),
});

/** A form field, also the shape of Web Messenger prechat-capture fields. */
export const fieldSchema = z.looseObject({
  type: z.enum(["email", "select", "text"]),
  /** Unique within a form. */
  name: z.string().min(1).max(128),
  label: z.string().min(1).max(128),
  /** The answer to a text field. */
  text: z.string().min(1).max(256).optional(),
  /** The answer to an email field. */
  email: z.string().min(1).max(128).optional(),
  /** The answer to a select field. */
  select: z.array(z.record(z.string(), z.unknown())).optional(),
  format: z.enum(["integer", "decimal"]).optional(),
});

const selectOptionSchema = z.looseObject({
  label: z.string().min(1).max(128),
  name: z.string().min(1).max(128),
});

export const formMessageFieldSchema = fieldSchema.safeExtend({
  placeholder: z.string().min(1).max(128).optional(),
  minSize: z.number().int().min(1).max(256).optional(),
  maxSize: z.number().int().min(1).max(256).optional(),
  options: z.array(selectOptionSchema).max(200).optional(),
});

export const formResponseFieldSchema = fieldSchema.safeExtend({
  /** The form message this answers. */
  quotedMessageId: z.string().optional(),
});

// ——— Content ———

/**
 * The text of a text message; required unless actions, htmlText or markdownText stand in for it. markdownText is
 * converted to htmlText on reception, and either one to text for channels without rich text.
 */
const textContentSchema = z.looseObject({
  type: z.literal("text"),
  text: richText.optional(),
  htmlText: richText.optional(),
  markdownText: richText.optional(),
  /** Disables the chat input while this is the latest message, for guided flows. */
  blockChatInput: z.boolean().optional(),
  actions: z.array(actionSchema).optional(),
  /** The payload of the reply button this message answers. */
  payload: z.string().optional(),
});

const mediaShape = {
  mediaUrl: webUrlSchema,
  /** Filled in by SunCo. */
  mediaType: shortText.optional(),
  /** Bytes, filled in by SunCo. */
  mediaSize: z.number().optional(),
  altText: shortText.optional(),
  text: z.string().optional(),
  htmlText: richText.optional(),
  markdownText: richText.optional(),
  blockChatInput: z.boolean().optional(),
  /** Internal to SunCo. */
  attachmentId: z.string().optional(),
};

const imageContentSchema = z.looseObject({
  type: z.literal("image"),
  ...mediaShape,
  actions: z.array(actionSchema).optional(),
});

const fileContentSchema = z.looseObject({ type: z.literal("file"), ...mediaShape });

const carouselContentSchema = z.looseObject({
  type: z.literal("carousel"),
  /** Fallback for channels without carousels, filled in by SunCo. */
  text: z.string().optional(),
  blockChatInput: z.boolean().optional(),
  items: z.array(itemSchema).min(1).max(10),
  displaySettings: z.looseObject({ imageAspectRatio: z.enum(["horizontal", "square"]).optional() }).optional(),
});

const listContentSchema = z.looseObject({
  type: z.literal("list"),
  blockChatInput: z.boolean().optional(),
  items: z.array(itemSchema).min(1).max(10),
  actions: z.array(actionSubsetSchema).min(1).max(10).optional(),
});

const locationContentSchema = z.looseObject({
  type: z.literal("location"),
  /** Fallback for channels without locations, filled in by SunCo. */
  text: z.string().optional(),
  blockChatInput: z.boolean().optional(),
  coordinates: z.looseObject({ lat: z.number(), long: z.number() }),
  location: z.looseObject({ address: z.string().optional(), name: z.string().optional() }).optional(),
});

const formContentSchema = z.looseObject({
  type: z.literal("form"),
  /** Filled in by SunCo once the user answers. */
  submitted: z.boolean().optional(),
  blockChatInput: z.boolean().optional(),
  fields: z.array(formMessageFieldSchema).min(1).max(20),
  /** Shown above form links on social channels. */
  text: z.string().optional(),
});

/** Web Messenger's answer to a form; it cannot be sent through the API. */
const formResponseContentSchema = z.looseObject({
  type: z.literal("formResponse"),
  fields: z.array(formResponseFieldSchema).min(1).max(20),
  /** `label: value` lines, filled in by SunCo. */
  textFallback: z.string().optional(),
});

/** A WhatsApp template; the message body must say `schema: "whatsapp"`. */
const templateContentSchema = z.looseObject({
  type: z.literal("template"),
  blockChatInput: z.boolean().optional(),
  template: z.record(z.string(), z.unknown()),
});

export const contentSchema = z.discriminatedUnion("type", [
  textContentSchema,
  imageContentSchema,
  fileContentSchema,
  carouselContentSchema,
  listContentSchema,
  locationContentSchema,
  formContentSchema,
  formResponseContentSchema,
  templateContentSchema,
]);

// Rules the spec states in prose, enforced on what we send (and what the sandbox accepts).
type RichTextContent = { htmlText?: string; markdownText?: string };

const oneRichTextFormat = (content: RichTextContent) =>
  content.htmlText === undefined || content.markdownText === undefined;

const richTextRule = { path: ["markdownText"], message: "cannot be combined with htmlText: give one of them" };

const postTextContentSchema = textContentSchema
  .refine(oneRichTextFormat, richTextRule)
  .refine(
    (content) => [content.text, content.htmlText, content.markdownText, content.actions].some((v) => v !== undefined),
    { path: ["text"], message: "is required unless actions, htmlText or markdownText is given" },
  );

const postFormContentSchema = formContentSchema.refine(
  (content) => new Set(content.fields.map((field) => field.name)).size === content.fields.length,
  { path: ["fields"], message: "must have unique names" },
);

// Refused whatever its fields, so the only error is the one that matters.
const unsendableFormResponseSchema = z.looseObject({ type: z.literal("formResponse") }).refine(() => false, {
  path: ["type"],
  message: "cannot be formResponse: only Web Messenger sends it, in answer to a form",
});

// Checked against WhatsApp's template shape; typed as the stored content is (a template passes through as is).
const postTemplateContentSchema = templateContentSchema.extend({
  template: z.record(z.string(), z.unknown()).pipe(whatsappTemplateSchema),
});

/** Content as PostMessage accepts it. */
export const postContentSchema = z.discriminatedUnion("type", [
  postTextContentSchema,
  imageContentSchema.refine(oneRichTextFormat, richTextRule),
  fileContentSchema.refine(oneRichTextFormat, richTextRule),
  carouselContentSchema,
  listContentSchema,
  locationContentSchema,
  postFormContentSchema,
  unsendableFormResponseSchema,
  postTemplateContentSchema,
]);

// ——— Authors and sources ———

const authorShape = {
  type: z.enum(["business", "user"]),
  displayName: z.string().optional(),
  avatarUrl: webUrlSchema.max(2048).optional(),
};

/** AI adds a disclaimer on delivery; activity marks system messages; agent and bot appear in responses only. */
const AUTHOR_SUBTYPES = ["AI", "activity", "agent", "bot"] as const;

/** A message author as SunCo returns it (it adds a default gravatar `avatarUrl`). */
export const authorSchema = z.looseObject({
  ...authorShape,
  subtypes: z.array(openEnum(AUTHOR_SUBTYPES)).optional(),
  /** Only for `user` authors. */
  userId: z.string().optional(),
});

/** In webhooks, the author carries its user (with `profile` when the webhook has `includeFullUser`). */
export const authorWebhookSchema = authorSchema.safeExtend({ user: userSchema.optional() });

/** A message or activity author as we send it: a user author is named by id or external id. */
export const postAuthorSchema = z
  .object({
    ...authorShape,
    // The spec misplaces minItems/maxItems 1 on the items; the intent is a single subtype.
    subtypes: z.array(z.enum(AUTHOR_SUBTYPES)).max(1).optional(),
    userId: z.string().min(1).optional(),
    userExternalId: z.string().min(1).optional(),
    /** With userExternalId, for brand-separated users. */
    brandId: z.string().min(1).max(24).nullable().optional(),
  })
  .superRefine((author, ctx) => {
    const namesUser = author.userId !== undefined || author.userExternalId !== undefined;
    if (author.type === "user" && !namesUser) {
      ctx.addIssue({ code: "custom", path: ["userId"], message: "or userExternalId is required when type is user" });
    }
    if (author.type === "business" && namesUser) {
      const field = author.userId !== undefined ? "userId" : "userExternalId";
      ctx.addIssue({ code: "custom", path: [field], message: "is only supported when type is user" });
    }
  });

export const campaignSchema = z.looseObject({ id: z.string().optional() });

/** Where a message or activity came from. `client` and `device` appear only in webhooks with `includeFullSource`. */
export const sourceSchema = z.looseObject({
  /** api, sdk, messenger, … (API-posted messages show `api:conversations`). */
  type: z.string(),
  /** For user messages only. */
  integrationId: z.string().nullable().optional(),
  originalMessageId: z.string().nullable().optional(),
  originalMessageTimestamp: timestampSchema.nullable().optional(),
  client: clientSchema.nullable().optional(),
  device: deviceSchema.nullable().optional(),
});

export const sourceWithCampaignSchema = sourceSchema.safeExtend({ campaign: campaignSchema.nullable().optional() });

// ——— Messages ———

/** System messages (e.g. a closed ticket) say what happened; SunCo renders localized text for each type. */
export const messageActivitySchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("ticket:closed"), data: z.record(z.string(), z.unknown()).optional() }),
  z.looseObject({ type: z.literal("ticket:transfer:email"), data: z.record(z.string(), z.unknown()).optional() }),
  z.looseObject({ type: z.literal("conversation:endedByUser"), data: z.record(z.string(), z.unknown()).optional() }),
]);

/** Links to the sources of a bot answer. */
export const referenceSchema = z.looseObject({
  uri: webUrlSchema.max(2048),
  title: z.string().min(1).max(128).optional(),
  description: z.string().min(1).max(256).optional(),
});

/** Content as SunCo sends it: a content type added after this spec still parses (and renders as unknown). */
export const receivedContentSchema = openUnion(contentSchema);

const messageShape = {
  id: z.string(),
  received: timestampSchema,
  content: receivedContentSchema,
  source: sourceSchema.optional(),
  metadata: metadataSchema.optional(),
  /** A placeholder for a deleted message. */
  deleted: z.boolean().nullable().optional(),
};

const messageFields = {
  ...messageShape,
  author: authorSchema,
  activity: messageActivitySchema.optional(),
  references: z.array(referenceSchema).min(1).max(10).nullable().optional(),
};

/**
 * Only WhatsApp and Web Messenger formResponse messages quote another message. In the spec a quoted message may quote
 * again without end, but a recursive schema has no compiled fast path (z.compile), and pages of messages are the
 * biggest responses the product parses. So a quote and the quote's own quote are checked; deeper ones pass unchecked.
 */
function quotedMessageSchemaOf<M extends z.ZodType>(message: M) {
  return z.discriminatedUnion("type", [
    z.looseObject({ type: z.literal("message"), message: message.optional() }),
    z.looseObject({ type: z.literal("externalMessageId"), externalMessageId: z.string().optional() }),
  ]);
}

const quoteOfQuoteSchema = quotedMessageSchemaOf(z.looseObject(messageFields));
export const quotedMessageSchema = quotedMessageSchemaOf(
  z.looseObject({ ...messageFields, quotedMessage: quoteOfQuoteSchema.nullable().optional() }),
);

export const messageSchema = z.looseObject({ ...messageFields, quotedMessage: quotedMessageSchema.nullable().optional() });

/** A message inside a webhook event: its author carries the user, its source the campaign; no activity or references. */
export const messageWebhookSchema = z.looseObject({
  ...messageShape,
  author: authorWebhookSchema,
  source: sourceWithCampaignSchema.optional(),
  quotedMessage: quotedMessageSchema.nullable().optional(),
});

// ——— PostMessage and PostActivity ———

/** Channel targeting: one integration by id, or by type (`none` sends a silent message). */
export const destinationSchema = z
  .object({ integrationId: z.string().min(1).optional(), integrationType: z.string().min(1).optional() })
  .refine((destination) => (destination.integrationId === undefined) !== (destination.integrationType === undefined), {
    message: "must name exactly one of integrationId and integrationType",
  });

const channelPayloadSchema = z.object({ payload: z.record(z.string(), z.unknown()).optional() });

/** Raw channel payloads sent as they are. */
export const messageOverrideSchema = z.object({
  apple: channelPayloadSchema
    .extend({ withCapabilities: z.array(z.enum(["LIST", "TIME", "FORM", "QUICK", "AUTH2"])).optional() })
    .optional(),
  line: channelPayloadSchema.optional(),
  messenger: channelPayloadSchema.optional(),
  whatsapp: channelPayloadSchema.optional(),
});

export const messagePostBodySchema = z
  .object({
    author: postAuthorSchema,
    content: postContentSchema,
    destination: destinationSchema.optional(),
    metadata: metadataSchema.optional(),
    override: messageOverrideSchema.optional(),
    /** `whatsapp`: content follows WhatsApp's native template schema. */
    schema: z.literal("whatsapp").optional(),
  })
  .superRefine((body, ctx) => {
    if (body.destination !== undefined && body.author.type !== "business") {
      ctx.addIssue({ code: "custom", path: ["destination"], message: "is only supported for business authors" });
    }
    if (body.content.type === "template" && body.schema !== "whatsapp") {
      ctx.addIssue({ code: "custom", path: ["schema"], message: 'must be "whatsapp" to send a template' });
    }
  });

export const ACTIVITY_TYPES = ["conversation:read", "typing:start", "typing:stop"] as const;

export const activityPostBodySchema = z
  .object({ author: postAuthorSchema, type: z.enum(ACTIVITY_TYPES) })
  .refine((activity) => activity.author.type === "business" || activity.type === "conversation:read", {
    path: ["type"],
    message: "must be conversation:read when the author is a user",
  });

/** One request may create several messages (a template shorthand with leading text). */
export const messagePostResponseSchema = wrapped("messages", z.array(messageSchema));
/** Paginated backwards, newest page first, fixed at 100 messages per page. */
export const messageListResponseSchema = paginated("messages", messageSchema);

export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action["type"];
export type Item = z.infer<typeof itemSchema>;
export type Content = z.infer<typeof contentSchema>;
export type ContentType = Content["type"];
export type Author = z.infer<typeof authorSchema>;
export type Source = z.infer<typeof sourceSchema>;
export type Message = z.infer<typeof messageSchema>;
export type MessageWebhook = z.infer<typeof messageWebhookSchema>;
export type MessagePostBody = z.input<typeof messagePostBodySchema>;
export type ActivityPostBody = z.input<typeof activityPostBodySchema>;
