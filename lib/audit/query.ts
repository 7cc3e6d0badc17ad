// Reading the audit log: filtered, newest first, keyset-paginated by id; and as CSV.
import { z } from "zod";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db, type Prisma } from "@/lib/db";
import { ForbiddenError } from "@/lib/errors";
import { parseInput } from "@/lib/validation";

const optionalText = z
  .string()
  .trim()
  .max(200)
  .optional()
  .transform((value) => value || undefined);
const optionalDate = z
  .string()
  .optional()
  .transform((value, ctx) => {
    if (!value) return undefined;
    const date = new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "Use a date like 2026-11-26 or 2026-11-26T10:00." });
      return z.NEVER;
    }
    return date;
  });

export const auditFilterSchema = z.object({
  action: optionalText,
  connectionId: optionalText,
  actor: optionalText,
  result: z.enum(["success", "failure", ""]).optional().transform((value) => value || undefined),
  from: optionalDate,
  to: optionalDate,
  before: z
    .string()
    .regex(/^\d+$/, "Invalid page cursor.")
    .optional()
    .transform((value) => (value ? BigInt(value) : undefined)),
});

export type AuditFilters = z.output<typeof auditFilterSchema>;

export const AUDIT_PAGE_SIZE = 50;

function whereFor(ctx: MemberContext, filters: AuditFilters): Prisma.AuditEventWhereInput {
  return {
    organizationId: ctx.organization.id,
    ...(filters.action && { action: { startsWith: filters.action } }),
    ...(filters.connectionId && { connectionId: filters.connectionId }),
    ...(filters.actor && { actorLabel: { contains: filters.actor, mode: "insensitive" } }),
    ...(filters.result && { result: filters.result }),
    ...((filters.from || filters.to) && { createdAt: { gte: filters.from, lte: filters.to } }),
    ...(filters.before && { id: { lt: filters.before } }),
  };
}

function assertCanRead(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins can read the audit log.");
}

export async function listAuditEvents(ctx: MemberContext, rawFilters: Record<string, unknown>) {
  assertCanRead(ctx);
  const filters = parseInput(auditFilterSchema, rawFilters);
  const rows = await db().auditEvent.findMany({
    where: whereFor(ctx, filters),
    orderBy: { id: "desc" },
    take: AUDIT_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return { events: page, nextCursor: rows.length > AUDIT_PAGE_SIZE ? String(page.at(-1)!.id) : null };
}

const CSV_COLUMNS = ["id", "createdAt", "actorLabel", "action", "connectionId", "target", "result", "error", "before", "after"] as const;

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  // Cells that a spreadsheet would evaluate as a formula are prefixed, so exporting cannot inject one.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The matching events as CSV lines (header first), read in pages so any size streams in bounded memory. */
export async function* auditCsv(ctx: MemberContext, rawFilters: Record<string, unknown>): AsyncGenerator<string> {
  assertCanRead(ctx);
  const filters = parseInput(auditFilterSchema, { ...rawFilters, before: undefined });
  yield `${CSV_COLUMNS.join(",")}\r\n`;
  let before: bigint | undefined;
  for (;;) {
    const rows = await db().auditEvent.findMany({
      where: whereFor(ctx, { ...filters, before }),
      orderBy: { id: "desc" },
      take: 500,
    });
    if (rows.length === 0) return;
    yield rows.map((row) => `${CSV_COLUMNS.map((column) => csvCell(row[column])).join(",")}\r\n`).join("");
    before = rows.at(-1)!.id;
  }
}
