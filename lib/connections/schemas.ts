// Identifiers every form about a connection's SunCo setup sends.
import { z } from "zod";

export const connectionIdSchema = z.string({ error: "Choose a connection." }).trim().min(1, "Choose a connection.").max(64, "is not a connection");

/** SunCo's record ids (integrations, webhooks, switchboard integrations, conversations) are 24 hex digits. */
export const suncoIdSchema = (what: string) =>
  z
    .string({ error: `Choose ${what}.` })
    .trim()
    .regex(/^[0-9a-f]{24}$/i, `That is not a SunCo ${what} id (24 hexadecimal characters).`);

/** Input of the use-cases that need nothing but the connection. */
export const connectionRefSchema = z.object({ connectionId: connectionIdSchema });

export type ConnectionRef = z.infer<typeof connectionRefSchema>;

const partnerLabel = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? null : value),
  z.string().trim().max(200, "must be at most 200 characters").nullable(),
);

/** The Connections page's form of a connection's partner labels: a blank field clears the label. */
export const connectionLabelsSchema = z.object({ connectionId: connectionIdSchema, externalId: partnerLabel, displayName: partnerLabel });
