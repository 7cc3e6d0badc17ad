// What starting a conversation takes: the connection, who to reach (found by external id or email, or created), on
// which channel (the conversation's own channels, or a phone number or email address linked through Create Client),
// and the first message (text, buttons, an attachment or a WhatsApp template, with the composer's rules).
import { z } from "zod";
import { connectionIdSchema } from "@/lib/connections";
import { composedContentSchema } from "@/lib/outbox";

const name = z.string().trim().max(100, "must be at most 100 characters").optional();
const blankAsUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const endUserSchema = z
  .object({
    externalId: z.preprocess(blankAsUndefined, z.string().trim().max(255, "must be at most 255 characters").optional()),
    email: z.preprocess(blankAsUndefined, z.email({ error: "must be an email address" }).max(254, "is too long").optional()),
    givenName: name,
    surname: name,
  })
  .refine((user) => user.externalId !== undefined || user.email !== undefined, {
    path: ["email"],
    message: "Give the end user's email or external id.",
  });

/** The channels Create Client links by phone number (whatsapp, twilio, messagebird) or email address (mailgun). */
export const LINK_CHANNEL_TYPES = ["whatsapp", "twilio", "messagebird", "mailgun"] as const;
export type LinkChannelType = (typeof LINK_CHANNEL_TYPES)[number];

const integrationId = z.preprocess(
  blankAsUndefined,
  z.string().trim().regex(/^[0-9a-f]{24}$/i, "is not a SunCo integration id (24 hexadecimal characters)").optional(),
);
const phoneNumber = z
  .string({ error: "Give the phone number." })
  .trim()
  .regex(/^\+\d[\d ()-]{5,30}$/, "must start with + and the country code, e.g. +1 212-555-2368");

export const channelSchema = z.discriminatedUnion(
  "type",
  [
    /** Wherever SunCo reaches the user already (their existing clients): no link. */
    z.object({ type: z.literal("conversation") }),
    z.object({ type: z.enum(["whatsapp", "twilio", "messagebird"]), phoneNumber, integrationId }),
    z.object({ type: z.literal("mailgun"), address: z.email({ error: "must be an email address" }).max(254, "is too long"), integrationId }),
  ],
  { error: "must be conversation, whatsapp, twilio, messagebird or mailgun" },
);

export const startConversationSchema = z.object({
  connectionId: connectionIdSchema,
  user: endUserSchema,
  channel: channelSchema.default({ type: "conversation" }),
  message: composedContentSchema,
});

/** The inbox's dialog: the same, with the id that makes a double submit start one conversation. */
export const startConversationFormSchema = startConversationSchema.extend({
  clientMessageId: z.uuid({ error: "is not a message id" }),
});

export type EndUserInput = z.infer<typeof endUserSchema>;
export type ChannelInput = z.infer<typeof channelSchema>;
export type StartConversationInput = z.infer<typeof startConversationSchema>;
