// WhatsApp templates saved per organization (Settings → Templates): every member sends them from the composer; owners
// and admins manage them, each change (or refusal of one) in the audit log.
import { audited } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import type { ActorContext } from "@/lib/auth/actor";
import { sql, statement } from "@/lib/db";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { UUID } from "./conversation-access";
import type { MessageTemplate, MessageTemplateInput } from "./template-schemas";

const UNIQUE_VIOLATION = "23505";
const notFound = () => new NotFoundError("There is no such template in this organization.");

function assertManager(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage templates.");
}

async function titleUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) throw new ConflictError("A template with this title already exists.");
    throw error;
  }
}

const COLUMNS = `"id"::text AS "id", "title", "templateName", "language", "parameters"`;
const ROW = { id: "string", title: "string", templateName: "string", language: "string", parameters: "json" } as const;

const LIST = statement<MessageTemplate>(`SELECT ${COLUMNS} FROM "MessageTemplate" WHERE "organizationId" = $1 ORDER BY lower("title"), "id"`, ROW);

const INSERT = statement<MessageTemplate>(
  `INSERT INTO "MessageTemplate" ("organizationId", "title", "templateName", "language", "parameters", "createdById", "updatedAt")
   VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING ${COLUMNS}`,
  ROW,
);

const UPDATE = statement<MessageTemplate>(
  `UPDATE "MessageTemplate" SET "title" = $3, "templateName" = $4, "language" = $5, "parameters" = $6, "updatedAt" = now()
    WHERE "id" = $1 AND "organizationId" = $2 RETURNING ${COLUMNS}`,
  ROW,
);

const values = (input: MessageTemplateInput) => [input.title, input.templateName, input.language, JSON.stringify(input.parameters)];
const inAuditLog = (template: MessageTemplate) => ({ id: template.id, title: template.title, templateName: template.templateName, language: template.language });

export async function listMessageTemplates(ctx: ActorContext): Promise<MessageTemplate[]> {
  const { rows } = await sql().query(LIST, [ctx.organization.id]);
  return rows;
}

export async function createMessageTemplate(ctx: MemberContext, input: MessageTemplateInput): Promise<MessageTemplate> {
  assertManager(ctx);
  return audited(ctx, { action: "message_template.created", target: input.title, after: inAuditLog }, async () => {
    const [title, ...rest] = values(input);
    const { rows } = await titleUnique(() => sql().query(INSERT, [ctx.organization.id, title, ...rest, ctx.actor.id]));
    return rows[0]!;
  });
}

export async function updateMessageTemplate(ctx: MemberContext, id: string, input: MessageTemplateInput): Promise<MessageTemplate> {
  assertManager(ctx);
  return audited(ctx, { action: "message_template.updated", target: `template ${id}`, after: inAuditLog }, async () => {
    const { rows } = await titleUnique(() => sql().query(UPDATE, [id, ctx.organization.id, ...values(input)]));
    if (!rows[0]) throw notFound();
    return rows[0];
  });
}

export async function deleteMessageTemplate(ctx: MemberContext, id: string): Promise<void> {
  assertManager(ctx);
  if (!UUID.test(id)) throw notFound();
  await audited(ctx, { action: "message_template.deleted", target: `template ${id}` }, async () => {
    const { rowCount } = await sql().query(`DELETE FROM "MessageTemplate" WHERE "id" = $1::uuid AND "organizationId" = $2`, [id, ctx.organization.id]);
    if (rowCount === 0) throw notFound();
  });
}
