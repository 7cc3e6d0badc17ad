// Writes one audit event: every change to SunCo or Sunbridge state made on someone's behalf records one,
// successful or not.
import type { ActorContext } from "@/lib/auth/actor";
import { db, Prisma } from "@/lib/db";
import { logger } from "@/lib/log";
import { maskSecrets } from "./mask";

export interface AuditEntry {
  action: string;
  connectionId?: string | null;
  target?: string | null;
  before?: unknown;
  after?: unknown;
  /** Set for failures: the message the person saw. */
  error?: string | null;
}

/** Besides people and API keys: Sunbridge itself, SunCo, and a connect link's visitor (who has no account). */
export type AuditActor = ActorContext | { organizationId: string; label: "system" | "SunCo" | "connect link" };

/** A member by user id and "name <email>"; an API key by its name and prefix (actorId is a user's id or null). */
function actorFields(actor: AuditActor) {
  if ("label" in actor) return { organizationId: actor.organizationId, actorId: null, actorLabel: actor.label };
  const { organization, actor: who } = actor;
  if (who.kind === "api_key") return { organizationId: organization.id, actorId: null, actorLabel: `API key "${who.name}" (${who.prefix})` };
  return { organizationId: organization.id, actorId: who.id, actorLabel: `${who.name} <${who.email}>` };
}

const asJson = (value: unknown) =>
  value === undefined || value === null ? Prisma.DbNull : (maskSecrets(JSON.parse(JSON.stringify(value))) as Prisma.InputJsonValue);

/** Pass `client` (a transaction) to record the event in the same transaction as the change it describes. */
export async function recordAudit(actor: AuditActor, entry: AuditEntry, client: Pick<Prisma.TransactionClient, "auditEvent"> = db()) {
  await client.auditEvent.create({
    data: {
      ...actorFields(actor),
      action: entry.action,
      connectionId: entry.connectionId ?? null,
      target: entry.target ?? null,
      before: asJson(entry.before),
      after: asJson(entry.after),
      result: entry.error ? "failure" : "success",
      error: entry.error ?? null,
    },
  });
}

/**
 * Runs `work` and records its outcome either way. A failure is recorded and rethrown; if recording
 * itself fails, the original outcome still wins (the failure to audit is logged).
 */
export async function audited<T>(
  actor: AuditActor,
  entry: Omit<AuditEntry, "error" | "after"> & {
    after?: (result: T) => unknown;
    /** What only the outcome tells (which connection, what was there before); null when it changed nothing, which records nothing. */
    outcome?: (result: T) => Pick<AuditEntry, "connectionId" | "before"> | null;
  },
  work: () => Promise<T>,
): Promise<T> {
  const { after, outcome, ...rest } = entry;
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await recordAudit(actor, { ...rest, error: error instanceof Error ? error.message : String(error) }).catch((e) =>
      logger().error({ err: e, action: entry.action }, "could not record a failed action in the audit log"),
    );
    throw error;
  }
  const details = outcome ? outcome(result) : {};
  if (details) await recordAudit(actor, { ...rest, ...details, after: after?.(result) });
  return result;
}
