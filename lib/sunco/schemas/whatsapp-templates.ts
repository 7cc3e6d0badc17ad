// A WhatsApp template as PostMessage sends it (`content.type: "template"`, `schema: "whatsapp"`): the native WhatsApp
// shape the spec points to — template name, language, and the components' parameters.
import { z } from "zod";
import { webUrlSchema } from "./common";

/** An uploaded media id or a public link. */
const mediaReferenceSchema = z
  .looseObject({ link: webUrlSchema.max(2048).optional(), id: z.string().min(1).optional() })
  .refine((media) => media.link !== undefined || media.id !== undefined, { message: "needs a link or an id" });

export const templateParameterSchema = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("text"), text: z.string().min(1).max(1024) }),
  z.looseObject({
    type: z.literal("currency"),
    currency: z.looseObject({
      fallback_value: z.string().min(1),
      code: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code, e.g. USD"),
      amount_1000: z.number().int(),
    }),
  }),
  z.looseObject({ type: z.literal("date_time"), date_time: z.looseObject({ fallback_value: z.string().min(1) }) }),
  z.looseObject({ type: z.literal("image"), image: mediaReferenceSchema }),
  z.looseObject({ type: z.literal("document"), document: mediaReferenceSchema }),
  z.looseObject({ type: z.literal("video"), video: mediaReferenceSchema }),
  /** A quick-reply button's postback payload. */
  z.looseObject({ type: z.literal("payload"), payload: z.string().min(1).max(128) }),
]);

const templateComponentSchema = z.looseObject({
  type: z.enum(["header", "body", "button"]),
  /** Buttons only. */
  sub_type: z.enum(["quick_reply", "url"]).optional(),
  /** Buttons only: which of the template's buttons (0–9). */
  index: z.union([z.number().int().min(0).max(9), z.string().regex(/^\d$/)]).optional(),
  parameters: z.array(templateParameterSchema).max(20).optional(),
});

const templateComponentsSchema = z.array(templateComponentSchema).max(12);

export const whatsappTemplateSchema = z
  .looseObject({
    namespace: z.string().min(1).optional(),
    name: z.string().regex(/^[a-z0-9_]{1,512}$/, "must be a template name: lowercase letters, digits and underscores"),
    language: z.looseObject({
      policy: z.enum(["deterministic", "fallback"]).optional(),
      code: z.string().regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, "must be a language code such as en or en_US"),
    }),
    components: templateComponentsSchema.optional(),
    /** The spec's own example spells the list `component`; WhatsApp's native schema says `components`. */
    component: templateComponentsSchema.optional(),
  })
  .refine((template) => template.components === undefined || template.component === undefined, {
    path: ["component"],
    message: "cannot be combined with components: give one of them",
  });

export type WhatsappTemplate = z.infer<typeof whatsappTemplateSchema>;
export type TemplateParameter = z.infer<typeof templateParameterSchema>;
