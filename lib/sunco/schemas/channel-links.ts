// CreateClient: link a user to a channel (channel transfer), e.g. reach them on WhatsApp from a web conversation.
import { z } from "zod";
import { invalidMessage } from "./common";
import { messagePostBodySchema } from "./messages";

const matchCriteriaBaseShape = {
  /** The integration to link; its type must match `type`. */
  integrationId: z.string().min(1),
  /** Whether the client becomes the conversation's primary one once linked (default true). */
  primary: z.boolean().optional(),
};

const phoneNumberSchema = z
  .string()
  .regex(/^\+\d[\d ()-]*$/, "must start with + and the country code, e.g. +1 212-555-2368");

const phoneMatchCriteria = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), ...matchCriteriaBaseShape, phoneNumber: phoneNumberSchema });

/** How the channel finds the user. */
export const matchCriteriaSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("mailgun"),
    ...matchCriteriaBaseShape,
    address: z.email({ error: invalidMessage("must be an email address") }),
    /** Defaults to `New message from {appName}`. */
    subject: z.string().optional(),
  }),
  phoneMatchCriteria("messagebird"),
  phoneMatchCriteria("twilio"),
  phoneMatchCriteria("whatsapp"),
]);

/** The outreach message may only be text or image, and its actions only links; it stays out of the conversation. */
const confirmationMessageSchema = messagePostBodySchema.superRefine((message, ctx) => {
  const { content } = message;
  if (content.type !== "text" && content.type !== "image") {
    ctx.addIssue({ code: "custom", path: ["content", "type"], message: "must be text or image in a confirmation message" });
    return;
  }
  content.actions?.forEach((action, index) => {
    if (action.type === "link") return;
    ctx.addIssue({
      code: "custom",
      path: ["content", "actions", index, "type"],
      message: "must be link in a confirmation message",
    });
  });
});

export const clientCreateBodySchema = z.object({
  matchCriteria: matchCriteriaSchema,
  confirmation: z.object({
    type: z.enum(["immediate", "userActivity", "prompt"]),
    message: confirmationMessageSchema.optional(),
  }),
  target: z.object({ conversationId: z.string().min(1) }),
});

export type ClientCreateBody = z.input<typeof clientCreateBodySchema>;
