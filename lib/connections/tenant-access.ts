// The one way a use-case reaches a tenant's SunCo app to manage it: the member's role, the connection in their
// organization, credentials that may do what is asked; then reads whose failures are explained, and changes that
// are recorded in the audit log whatever their outcome.
import { audited, recordAudit } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import type { Connection } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import { ForbiddenError } from "@/lib/errors";
import { explainingFailure, FOR_ADMIN, type SuncoClient, type SuncoFailureReader } from "@/lib/sunco";
import { capabilityOf, type Capability } from "./capabilities";
import { findConnection } from "./manage-connection";
import { clientForConnection } from "./sunco-access";

export interface TenantChange<T> {
  /** Dotted verb for the audit log, e.g. "webhook.created". */
  action: string;
  target?: string | null;
  before?: unknown;
  after?: (result: T) => unknown;
}

export interface TenantAccess {
  connection: Connection;
  client: SuncoClient;
  /** Reads at SunCo (through `client`); a failure becomes an explained UpstreamError. */
  read<T>(work: () => Promise<T>): Promise<T>;
  /** One change, audited as success or failure (refusals thrown inside `work` included), failures explained. */
  change<T>(entry: TenantChange<T>, work: () => Promise<T>): Promise<T>;
}

export interface TenantAccessOptions {
  /** Default admin: only owners and admins change a tenant's setup. */
  role?: Role;
  /** For changes: the audit action under which a refused capability is recorded. */
  action?: string;
  /** Who reads SunCo's failures: the admin managing the app unless said otherwise (an agent in the inbox). */
  explainTo?: SuncoFailureReader;
}

/**
 * Opens `connectionId` for `capability`. A member without the role, or of another organization, is refused before
 * anything is read or written; credentials that cannot do it are refused too, and audited when `action` is given.
 */
export async function openTenant(
  ctx: MemberContext,
  connectionId: string,
  capability: Capability | null,
  options: TenantAccessOptions = {},
): Promise<TenantAccess> {
  const role = options.role ?? "admin";
  if (!roleAtLeast(ctx.role, role)) {
    throw new ForbiddenError(role === "admin" ? "Only owners and admins manage a connection's SunCo setup." : `This needs the ${role} role.`);
  }
  const connection = await findConnection(ctx, connectionId);
  const check = capability ? capabilityOf(connection, capability) : ({ allowed: true } as const);
  if (!check.allowed) {
    if (options.action) await recordAudit(ctx, { action: options.action, connectionId, error: check.reason });
    throw new ForbiddenError(check.reason);
  }
  const client = clientForConnection(connection);
  const reader = options.explainTo ?? FOR_ADMIN;
  return {
    connection,
    client,
    read: (work) => explainingFailure(reader, work),
    change: (entry, work) => audited(ctx, { ...entry, connectionId }, () => explainingFailure(reader, work)),
  };
}
