// Conversations and their participants, plus the conversation-level extras (message refs, conversion events).
import { z } from "zod";
import { clientTypeSchema } from "./clients";
import {
  displayNameSchema,
  metadataSchema,
  paginated,
  pageQuerySchema,
  timestampSchema,
  webUrlSchema,
  wrapped,
} from "./common";

export const conversationTypeSchema = z.enum(["personal", "sdkGroup"]);

/** The switchboard integration in control of (or offered) a conversation. */
export const switchboardIntegrationRefSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  integrationId: z.string(),
  /** An OAuth integration's type is its OAuth client id. */
  integrationType: z.string(),
});

/** The conversation as webhook events carry it. Switchboard fields are omitted when there is none. */
export const conversationTruncatedSchema = z.looseObject({
  id: z.string(),
  type: conversationTypeSchema,
  metadata: metadataSchema.optional(),
  activeSwitchboardIntegration: switchboardIntegrationRefSchema.nullable().optional(),
  pendingSwitchboardIntegration: switchboardIntegrationRefSchema.nullable().optional(),
});

const descriptionSchema = z.string().min(1).max(100).nullable();
/** JPG, PNG or GIF. */
const iconUrlSchema = webUrlSchema.min(1).max(2048).nullable();

/** A conversation has no participants array: ListParticipants gives them. */
export const conversationSchema = conversationTruncatedSchema.safeExtend({
  /** True for the user's first personal conversation, which cannot be deleted. */
  isDefault: z.boolean().optional(),
  displayName: displayNameSchema.optional(),
  description: descriptionSchema.optional(),
  iconUrl: iconUrlSchema.optional(),
  businessLastRead: timestampSchema.nullable().optional(),
  /** The last message's time, or the creation time before any message. */
  lastUpdatedAt: timestampSchema.nullable().optional(),
  createdAt: timestampSchema.optional(),
});

export const clientAssociationSchema = z.looseObject({ type: clientTypeSchema, clientId: z.string() });

export const participantSchema = z.looseObject({
  id: z.string(),
  userId: z.string(),
  unreadCount: z.number().int().optional(),
  /** Most recent first; the first is the user's primary client for delivery. */
  clientAssociations: z.array(clientAssociationSchema).optional(),
  userExternalId: z.string().nullable().optional(),
  lastRead: timestampSchema.nullable().optional(),
});

const namesOneUser = (ref: { userId?: string; userExternalId?: string }) =>
  (ref.userId === undefined) !== (ref.userExternalId === undefined);

const oneUserRule = { path: ["userId"], message: "or userExternalId is required, but not both" };

/** A user joining a conversation, by id or external id. */
export const participantRefSchema = z
  .object({
    userId: z.string().min(1).optional(),
    userExternalId: z.string().min(1).optional(),
    /** Subscribes (creating if needed) the user's SDK client; required in sdkGroup conversations. */
    subscribeSDKClient: z.boolean().optional(),
  })
  .refine(namesOneUser, oneUserRule);

const conversationEditableShape = {
  displayName: displayNameSchema.optional(),
  description: descriptionSchema.optional(),
  iconUrl: iconUrlSchema.optional(),
  metadata: metadataSchema.optional(),
};

export const conversationCreateBodySchema = z
  .object({
    type: conversationTypeSchema,
    participants: z.array(participantRefSchema).max(10).optional(),
    ...conversationEditableShape,
  })
  .superRefine((body, ctx) => {
    const participants = body.participants ?? [];
    if (body.type === "personal" && participants.length !== 1) {
      ctx.addIssue({ code: "custom", path: ["participants"], message: "must hold exactly 1 user in a personal conversation" });
    }
    if (body.type === "sdkGroup") {
      participants.forEach((participant, index) => {
        if (participant.subscribeSDKClient !== undefined) return;
        ctx.addIssue({
          code: "custom",
          path: ["participants", index, "subscribeSDKClient"],
          message: "is required in an sdkGroup conversation",
        });
      });
    }
  });

export const conversationUpdateBodySchema = z.object(conversationEditableShape);

/** JoinConversation (sdkGroup conversations only). */
export const participantJoinBodySchema = participantRefSchema;

export const participantLeaveBodySchema = z
  .object({
    userId: z.string().min(1).optional(),
    userExternalId: z.string().min(1).optional(),
    participantId: z.string().min(1).optional(),
  })
  .refine((body) => [body.userId, body.userExternalId, body.participantId].filter((id) => id !== undefined).length === 1, {
    message: "must name exactly one of userId, userExternalId and participantId",
  });

/** ListConversations lists one user's conversations: exactly one user filter is required. */
export const listConversationsQuerySchema = pageQuerySchema
  .safeExtend({
    "filter[userId]": z.string().min(1).optional(),
    "filter[userExternalId]": z.string().min(1).optional(),
  })
  .refine((query) => (query["filter[userId]"] === undefined) !== (query["filter[userExternalId]"] === undefined), {
    path: ["filter[userId]"],
    message: "or filter[userExternalId] is required, but not both",
  });

/** DownloadMessageRef: fetch the data behind an Apple interactive-data reference (from a passthrough webhook). */
export const downloadMessageRefBodySchema = z.object({
  userId: z.string().min(1),
  apple: z
    .object({
      interactiveDataRef: z.object({
        url: z.string(),
        bid: z.string(),
        key: z.string(),
        signature: z.string(),
        owner: z.string(),
      }),
    })
    .optional(),
});

/** Meta Conversions API events; Zendesk fills in `user_data` and `messaging_channel`. */
const metaConversionEventSchema = z.object({
  payload: z.looseObject({ data: z.array(z.record(z.string(), z.unknown())) }),
});

export const conversionEventsBodySchema = z
  .object({
    messenger: metaConversionEventSchema.optional(),
    instagram: metaConversionEventSchema.optional(),
    whatsapp: metaConversionEventSchema.optional(),
  })
  .refine((body) => [body.messenger, body.instagram, body.whatsapp].filter((c) => c !== undefined).length === 1, {
    message: "must hold exactly one of messenger, instagram and whatsapp",
  });

export const conversionEventsResponseSchema = wrapped(
  "conversionEvents",
  z.looseObject({
    // Spec contradiction: a string in the schema, a number in the example. Accept both, hand out a string.
    datasetId: z.union([z.string(), z.number().transform(String)]).optional(),
    eventsReceived: z.number().int().optional(),
  }),
);

export const conversationResponseSchema = wrapped("conversation", conversationSchema);
export const conversationListResponseSchema = paginated("conversations", conversationSchema);
export const participantResponseSchema = wrapped("participant", participantSchema);
export const participantListResponseSchema = paginated("participants", participantSchema);
/** DownloadMessageRef answers a free-form object. */
export const downloadMessageRefResponseSchema = z.record(z.string(), z.unknown());

export type ConversationType = z.infer<typeof conversationTypeSchema>;
export type SwitchboardIntegrationRef = z.infer<typeof switchboardIntegrationRefSchema>;
export type ConversationTruncated = z.infer<typeof conversationTruncatedSchema>;
export type Conversation = z.infer<typeof conversationSchema>;
export type Participant = z.infer<typeof participantSchema>;
