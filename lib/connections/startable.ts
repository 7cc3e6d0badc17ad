// The connections a member (or API key) may start a conversation on: the organization's active ones that the lib/teams
// access rule lets them see, with what their credentials allow (listing the app's channel integrations needs an app key).
import type { ActorContext } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { ConnectionAuthType } from "@/lib/db/generated/enums";
import { ConflictError, NotFoundError } from "@/lib/errors";
import { onlyVisible } from "@/lib/teams";

export interface StartableConnection {
  id: string;
  name: string;
  authType: ConnectionAuthType;
}

const SELECT = { id: true, appName: true, displayName: true, authType: true, state: true } as const;

export async function startableConnections(ctx: ActorContext): Promise<StartableConnection[]> {
  const rows = await db().connection.findMany({ where: { organizationId: ctx.organization.id, state: "active" }, select: SELECT, orderBy: { appName: "asc" } });
  const visible = await onlyVisible(ctx, rows);
  return visible.map((row) => ({ id: row.id, name: row.displayName ?? row.appName, authType: row.authType }));
}

/** One of them; another organization's or team's connection is not found, one that cannot send is a conflict. */
export async function startableConnection(ctx: ActorContext, connectionId: string): Promise<StartableConnection> {
  const row = await db().connection.findFirst({ where: { id: connectionId, organizationId: ctx.organization.id }, select: SELECT });
  const [visible] = row ? await onlyVisible(ctx, [row]) : [];
  if (!visible) throw new NotFoundError("That connection is not in this organization.");
  if (visible.state !== "active") throw new ConflictError(`${visible.displayName ?? visible.appName} is not connected: an admin must connect it again before conversations can start there.`);
  return { id: visible.id, name: visible.displayName ?? visible.appName, authType: visible.authType };
}
