// What the Switchboard tab's forms (and the inbox's control actions) send, in words a form can show.
import { z } from "zod";
import { metadataSchema } from "@/lib/sunco/schemas";
import { connectionIdSchema, suncoIdSchema } from "@/lib/connections";
import { checkboxSchema, optionalTextSchema } from "@/lib/validation";

const nameSchema = z
  .string({ error: "Enter a name." })
  .trim()
  .min(1, "Enter a name.")
  .max(128, "Use at most 128 characters.")
  .regex(/^[A-Za-z0-9_-]+$/, "Use only letters, digits, - and _ (other integrations pass control by this name).");

const messageHistoryCountSchema = z.coerce
  .number({ error: "Enter a number from 1 to 10." })
  .int("Enter a number from 1 to 10.")
  .min(1, "Enter a number from 1 to 10.")
  .max(10, "Enter a number from 1 to 10.");

/** A blank choice clears the field (null); an absent one leaves it as it is. */
const clearable = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? null : value), schema.nullable().optional());

/**
 * Which integration a switchboard integration stands for: a custom integration by id, or an OAuth integration by its
 * type (its OAuth client id, e.g. zd:agentWorkspace). The form's select sends "custom:<id>" or "oauth:<client id>".
 */
const integrationLinkSchema = z
  .string({ error: "Choose the integration." })
  .trim()
  .min(1, "Choose the integration.")
  .transform((value, ctx) => {
    const [kind, ...rest] = value.split(":");
    const reference = rest.join(":");
    if (kind === "custom" && /^[0-9a-f]{24}$/i.test(reference)) return { integrationId: reference };
    if (kind === "oauth" && /^[\w.:-]{1,128}$/.test(reference)) return { integrationType: reference };
    ctx.addIssue({ code: "custom", message: "Choose a custom integration or an OAuth integration." });
    return z.NEVER;
  });

export const updateSwitchboardSchema = z
  .object({
    connectionId: connectionIdSchema,
    enabled: z.enum(["true", "false"], { error: "Choose enabled or disabled." }).optional().transform((value) => (value === undefined ? undefined : value === "true")),
    defaultSwitchboardIntegrationId: optionalTextSchema(suncoIdSchema("switchboard integration")),
  })
  .refine((input) => input.enabled !== undefined || input.defaultSwitchboardIntegrationId !== undefined, {
    message: "Nothing to change: choose whether it is enabled, or its default integration.",
    path: ["form"],
  });

export const createSwitchboardIntegrationSchema = z.object({
  connectionId: connectionIdSchema,
  name: nameSchema,
  integration: integrationLinkSchema,
  deliverStandbyEvents: checkboxSchema,
  nextSwitchboardIntegrationId: optionalTextSchema(suncoIdSchema("switchboard integration")),
  messageHistoryCount: optionalTextSchema(messageHistoryCountSchema),
});

export const switchboardIntegrationRefSchema = z.object({
  connectionId: connectionIdSchema,
  switchboardIntegrationId: suncoIdSchema("switchboard integration"),
});

export const updateSwitchboardIntegrationSchema = switchboardIntegrationRefSchema.extend({
  name: nameSchema.optional(),
  deliverStandbyEvents: checkboxSchema,
  nextSwitchboardIntegrationId: clearable(suncoIdSchema("switchboard integration")),
  messageHistoryCount: clearable(messageHistoryCountSchema),
});

export const CONTROL_ACTIONS = ["pass", "offer", "accept", "release"] as const;
export type ControlAction = (typeof CONTROL_ACTIONS)[number];

export const controlConversationSchema = z
  .object({
    connectionId: connectionIdSchema,
    conversationId: suncoIdSchema("conversation"),
    action: z.enum(CONTROL_ACTIONS, { error: "Choose pass, offer, accept or release." }),
    /** A switchboard integration's id, name or integrationType, or "next": SunCo resolves it in that order. */
    to: optionalTextSchema(z.string().trim().max(128)),
    metadata: metadataSchema.optional(),
  })
  .refine((input) => !(input.action === "pass" || input.action === "offer") || input.to !== undefined, {
    message: "Choose which switchboard integration gets control.",
    path: ["to"],
  });
export type ControlConversationInput = z.infer<typeof controlConversationSchema>;
