// The metadata fields an admin adds to every pass or offer of control on a connection (for example a priority or a
// ticket field the Zendesk Agent Workspace reads): validated as SunCo metadata, bounded, stored on the connection.
import { z } from "zod";
import { audited } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db, Prisma } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { findConnection } from "./manage-connection";
import { connectionIdSchema } from "./schemas";

export const MAX_HANDOFF_FIELDS = 20;
const MAX_KEY_LENGTH = 128;
const MAX_VALUE_LENGTH = 256;
/** Serialized; SunCo allows 4 KB of metadata per call, and first_message_id and who passed control need room too. */
const MAX_HANDOFF_BYTES = 2048;
/** Keys Sunbridge sets itself on every handoff. */
export const RESERVED_HANDOFF_KEYS = ["first_message_id"] as const;

// Letters, digits and . _ : - — enough for Zendesk's dataCapture.ticketField.<id> keys, nothing that needs escaping.
const KEY_PATTERN = /^[A-Za-z0-9_.:-]+$/;

export type HandoffFields = Record<string, string>;

/** `key=value` lines, as the Switchboard tab's text area sends them; blank lines are skipped. */
const handoffFieldLinesSchema = z.string().max(8192, "Use at most 8,192 characters.").transform((text, ctx) => {
  const fields: HandoffFields = {};
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    const problem = (message: string) => ctx.addIssue({ code: "custom", message: `Line ${index + 1}: ${message}` });
    const separator = line.indexOf("=");
    if (separator <= 0) {
      problem("write key=value.");
      continue;
    }
    const key = line.slice(0, separator).trim();
    const value = line.slice(separator + 1).trim();
    if (key.length > MAX_KEY_LENGTH || !KEY_PATTERN.test(key)) {
      problem(`a key has at most ${MAX_KEY_LENGTH} letters, digits, ".", "_", ":" or "-".`);
    } else if ((RESERVED_HANDOFF_KEYS as readonly string[]).includes(key)) {
      problem(`Sunbridge sets ${key} itself.`);
    } else if (key in fields) {
      problem(`${key} is already given.`);
    } else if (value.length > MAX_VALUE_LENGTH) {
      problem(`a value has at most ${MAX_VALUE_LENGTH} characters.`);
    } else {
      fields[key] = value;
    }
  }
  const count = Object.keys(fields).length;
  if (count > MAX_HANDOFF_FIELDS) ctx.addIssue({ code: "custom", message: `Use at most ${MAX_HANDOFF_FIELDS} fields (${count} given).` });
  if (Buffer.byteLength(JSON.stringify(fields)) > MAX_HANDOFF_BYTES) {
    ctx.addIssue({ code: "custom", message: `Keep the fields under ${MAX_HANDOFF_BYTES} bytes in all.` });
  }
  return fields;
});

export const handoffFieldsInputSchema = z.object({
  connectionId: connectionIdSchema,
  fields: handoffFieldLinesSchema.default({}),
});
export type HandoffFieldsInput = z.infer<typeof handoffFieldsInputSchema>;

/** The connection's fields as stored (anything else, e.g. a hand-edited row, counts as none). */
export function handoffFieldsOf(connection: { handoffMetadata: unknown }): HandoffFields {
  const stored = connection.handoffMetadata;
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {};
  return Object.fromEntries(Object.entries(stored).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

/** The fields as the text area shows them. */
export const handoffFieldLines = (fields: HandoffFields) =>
  Object.entries(fields)
    .map(([key, value]) => `${key}=${value}`)
    .join("\n");

/** Replaces the connection's handoff fields (none clears them); owners and admins only, audited. */
export async function setHandoffFields(ctx: MemberContext, { connectionId, fields }: HandoffFieldsInput) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage connections.");
  const connection = await findConnection(ctx, connectionId);
  const before = handoffFieldsOf(connection);
  const empty = Object.keys(fields).length === 0;
  await audited(
    ctx,
    { action: "connection.handoff_fields_updated", connectionId, target: `${connection.appName} (${connection.appId})`, before, after: () => fields },
    () => db().connection.update({ where: { id: connection.id }, data: { handoffMetadata: empty ? Prisma.DbNull : fields } }),
  );
}
