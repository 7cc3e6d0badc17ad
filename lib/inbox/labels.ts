// Labels: the organization's names and colours agents put on conversations (Settings → Labels). Owners and admins
// manage them; a conversation holds its labels' ids ("labelIds", GIN-indexed for the inbox's label filter).
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { sql, statement } from "@/lib/db";
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from "@/lib/errors";
import { MAX_LABELS, type LabelColor } from "./schemas";

export interface Label {
  id: string;
  name: string;
  color: LabelColor;
}

const UNIQUE_VIOLATION = "23505";

function assertManager(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage labels.");
}

async function nameUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictError("A label with this name already exists.");
    throw error;
  }
}

const ROW = { id: "string", name: "string", color: "string" } as const;

const LIST = statement<Label>(`SELECT "id", "name", "color" FROM "Label" WHERE "organizationId" = $1 ORDER BY lower("name"), "id"`, ROW);

/** Counts the organization's labels in the same statement, so that the limit holds without a second round trip. */
const INSERT = statement<Label>(
  `INSERT INTO "Label" ("organizationId", "name", "color", "updatedAt")
   SELECT $1, $2, $3, now() WHERE (SELECT count(*) FROM "Label" WHERE "organizationId" = $1) < $4
   RETURNING "id", "name", "color"`,
  ROW,
);

const UPDATE = statement<Label>(
  `UPDATE "Label" SET "name" = $3, "color" = $4, "updatedAt" = now() WHERE "id" = $1 AND "organizationId" = $2
   RETURNING "id", "name", "color"`,
  ROW,
);

const BY_NAME = statement<Label>(`SELECT "id", "name", "color" FROM "Label" WHERE "organizationId" = $1 AND lower("name") = lower($2)`, ROW);

export async function listLabels(ctx: MemberContext): Promise<Label[]> {
  const { rows } = await sql().query(LIST, [ctx.organization.id]);
  return rows;
}

/** The organization's label named `name` (whatever its case), or null. */
export async function labelNamed(organizationId: string, name: string): Promise<Label | null> {
  const { rows } = await sql().query(BY_NAME, [organizationId, name]);
  return rows[0] ?? null;
}

export async function createLabel(ctx: MemberContext, input: { name: string; color: LabelColor }): Promise<Label> {
  assertManager(ctx);
  const { rows } = await nameUnique(() => sql().query(INSERT, [ctx.organization.id, input.name, input.color, MAX_LABELS]));
  if (!rows[0]) throw new InvalidInputError(`An organization has at most ${MAX_LABELS} labels; delete one first.`);
  return rows[0];
}

export async function updateLabel(ctx: MemberContext, id: string, input: { name: string; color: LabelColor }): Promise<Label> {
  assertManager(ctx);
  const { rows } = await nameUnique(() => sql().query(UPDATE, [id, ctx.organization.id, input.name, input.color]));
  if (!rows[0]) throw new NotFoundError("There is no such label in this organization.");
  return rows[0];
}

/** Deletes the label and takes it off every conversation, in one transaction. */
export async function deleteLabel(ctx: MemberContext, id: string): Promise<void> {
  assertManager(ctx);
  await sql().transaction(async (tx) => {
    const { rowCount } = await tx.query(`DELETE FROM "Label" WHERE "id"::text = $1 AND "organizationId" = $2`, [id, ctx.organization.id]);
    if (rowCount === 0) throw new NotFoundError("There is no such label in this organization.");
    await tx.query(
      `UPDATE "Conversation" SET "labelIds" = array_remove("labelIds", $1::uuid)
        WHERE "organizationId" = $2 AND "labelIds" @> ARRAY[$1::uuid]`,
      [id, ctx.organization.id],
    );
  });
}
