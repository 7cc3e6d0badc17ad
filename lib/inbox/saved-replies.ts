// Saved replies: the organization's reusable answers. Every member uses them; owners and admins manage them, each
// change (or refusal of one) recorded in the audit log.
import { audited } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { SAVED_REPLY_VARIABLES, unknownVariables } from "./saved-reply-variables";

export interface SavedReply {
  id: string;
  title: string;
  body: string;
  updatedAt: string;
}

const UNIQUE_VIOLATION = "23505";

function assertManager(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage saved replies.");
}

function assertVariables(body: string) {
  const unknown = unknownVariables(body);
  if (unknown.length === 0) return;
  const known = Object.keys(SAVED_REPLY_VARIABLES).map((name) => `{{${name}}}`).join(", ");
  throw new InvalidInputError("Some fields need attention.", {
    body: [`${unknown.map((name) => `{{${name}}}`).join(", ")} ${unknown.length > 1 ? "are not variables" : "is not a variable"}; use ${known}`],
  });
}

async function titleUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictError("A saved reply with this title already exists.");
    throw error;
  }
}

const COLUMNS = `"id", "title", "body", to_char("updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt"`;
const ROW = { id: "string", title: "string", body: "string", updatedAt: "string" } as const;

const LIST = statement<SavedReply>(`SELECT ${COLUMNS} FROM "SavedReply" WHERE "organizationId" = $1 ORDER BY lower("title"), "id"`, ROW);

const INSERT = statement<SavedReply>(
  `INSERT INTO "SavedReply" ("id", "organizationId", "title", "body", "createdById", "updatedAt")
   VALUES (gen_random_uuid()::text, $1, $2, $3, $4, now()) RETURNING ${COLUMNS}`,
  ROW,
);

const UPDATE = statement<SavedReply>(
  `UPDATE "SavedReply" SET "title" = $3, "body" = $4, "updatedAt" = now()
    WHERE "id" = $1 AND "organizationId" = $2 RETURNING ${COLUMNS}`,
  ROW,
);

export async function listSavedReplies(ctx: MemberContext): Promise<SavedReply[]> {
  const { rows } = await sql().query(LIST, [ctx.organization.id]);
  return rows;
}

/** What the audit log keeps of a saved reply. */
const inAuditLog = (reply: SavedReply) => ({ id: reply.id, title: reply.title });

export async function createSavedReply(ctx: MemberContext, input: { title: string; body: string }): Promise<SavedReply> {
  assertManager(ctx);
  assertVariables(input.body);
  return audited(ctx, { action: "saved_reply.created", target: input.title, after: inAuditLog }, async () => {
    const { rows } = await titleUnique(() => sql().query(INSERT, [ctx.organization.id, input.title, input.body, ctx.actor.id]));
    return rows[0]!;
  });
}

export async function updateSavedReply(ctx: MemberContext, id: string, input: { title: string; body: string }): Promise<SavedReply> {
  assertManager(ctx);
  assertVariables(input.body);
  return audited(ctx, { action: "saved_reply.updated", target: `saved reply ${id}`, after: inAuditLog }, async () => {
    const { rows } = await titleUnique(() => sql().query(UPDATE, [id, ctx.organization.id, input.title, input.body]));
    if (!rows[0]) throw new NotFoundError("There is no such saved reply in this organization.");
    return rows[0];
  });
}

export async function deleteSavedReply(ctx: MemberContext, id: string): Promise<void> {
  assertManager(ctx);
  await audited(ctx, { action: "saved_reply.deleted", target: `saved reply ${id}` }, async () => {
    const { rowCount } = await sql().query(`DELETE FROM "SavedReply" WHERE "id" = $1 AND "organizationId" = $2`, [id, ctx.organization.id]);
    if (rowCount === 0) throw new NotFoundError("There is no such saved reply in this organization.");
  });
}
