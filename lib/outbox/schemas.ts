// What the composer sends: text, buttons (reply, postback, link) and at most one attachment, checked against SunCo's
// rules before anything is stored, so that a message SunCo would refuse is refused here, field by field.
import { z } from "zod";
import { conversationIdSchema, MAX_TEXT_LENGTH } from "@/lib/inbox";

const buttonText = z.string().trim().min(1, "is empty").max(128, "must be at most 128 characters");
/** SunCo sends the payload back with the tap; without one, the button's text serves. */
const payload = z.string().trim().max(1000, "must be at most 1000 characters").optional();

export const actionSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("reply"), text: buttonText, payload }),
    z.object({ type: z.literal("postback"), text: buttonText, payload }),
    z.object({
      type: z.literal("link"),
      text: buttonText,
      uri: z.url({ protocol: /^https?$/, error: "must be an http or https address" }).max(2048, "is too long"),
    }),
  ],
  { error: "must be a reply, postback or link button" },
);

export const MAX_ACTIONS = 10;

const templateParameter = z.string().trim().min(1, "is empty").max(1024, "must be at most 1024 characters");
const templateParameters = z.array(templateParameter).max(20, "at most 20 parameters").default([]);

/** A WhatsApp template (sent with `schema: "whatsapp"`): its name and language at WhatsApp, and its parameters in order. */
export const templateMessageSchema = z.object({
  name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be a template name: lowercase letters, digits and underscores"),
  language: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a language code such as en or en_US"),
  headerParameters: templateParameters,
  bodyParameters: templateParameters,
});

export type TemplateMessage = z.infer<typeof templateMessageSchema>;

const contentShape = {
  text: z.string().max(MAX_TEXT_LENGTH, `must be at most ${MAX_TEXT_LENGTH} characters`).default(""),
  actions: z.array(actionSchema).max(MAX_ACTIONS, `at most ${MAX_ACTIONS} buttons`).default([]),
  /** A file already uploaded through the attachments API. */
  attachment: z
    .object({
      kind: z.enum(["image", "file"]),
      mediaUrl: z.url({ protocol: /^https?$/, error: "must be an http or https address" }).max(2048),
      altText: z.string().trim().max(128, "must be at most 128 characters").optional(),
    })
    .optional(),
  /** A WhatsApp template instead of text: sent alone. */
  template: templateMessageSchema.optional(),
};

export type ComposedContent = z.infer<z.ZodObject<typeof contentShape>>;

/** What SunCo would refuse of a message as a whole, field by field. */
function checkContent(input: ComposedContent, issues: z.RefinementCtx) {
  const text = input.text.trim();
  if (input.template) {
    if (text || input.actions.length > 0 || input.attachment) {
      issues.addIssue({ code: "custom", path: ["template"], message: "A template is sent alone: leave out text, buttons and attachments." });
    }
    return;
  }
  if (!input.attachment && !text) issues.addIssue({ code: "custom", path: ["text"], message: "Write a message first." });
  const types = new Set(input.actions.map((action) => action.type));
  if (types.has("reply") && types.size > 1) {
    issues.addIssue({ code: "custom", path: ["actions"], message: "Reply buttons cannot be mixed with links or postbacks in one message." });
  }
  if (input.attachment?.kind === "file" && input.actions.length > 0) {
    issues.addIssue({ code: "custom", path: ["actions"], message: "A file cannot carry buttons; send them in a message of their own." });
  }
}

/** A message's content alone (the partner API's send), with the same rules as the composer's. */
export const composedContentSchema = z.object(contentShape).superRefine(checkContent);

export const composeSchema = z
  .object({
    /** Chosen by the page, so that sending twice (a double click, a retried request) sends once. */
    clientMessageId: z.uuid({ error: "is not a message id" }),
    conversationId: conversationIdSchema,
    ...contentShape,
  })
  .superRefine(checkContent);

export type ComposeInput = z.infer<typeof composeSchema>;
export type ComposedAction = z.infer<typeof actionSchema>;
