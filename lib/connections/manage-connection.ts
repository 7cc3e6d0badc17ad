// What an owner or admin does to an existing connection: test it, disconnect it. Every action is scoped to
// the member's organization (another organization's connection id is simply not found) and audited.
import { audited } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { db } from "@/lib/db";
import { ForbiddenError, NotFoundError, UpstreamError } from "@/lib/errors";
import { queueRecordedDeliveries, recordPartnerEventsWithPrisma } from "@/lib/partner-events";
import { SuncoError } from "@/lib/sunco";
import { connectionEvents } from "./connection-events";
import { setConnectionState } from "./health";
import { clientForConnection, fetchConnectedApp, forgetConnectionClient } from "./sunco-access";

function assertAdmin(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins manage connections.");
}

export async function findConnection(ctx: MemberContext, connectionId: string) {
  const connection = await db().connection.findFirst({ where: { id: connectionId, organizationId: ctx.organization.id } });
  if (!connection) throw new NotFoundError("That connection is not in this organization.");
  return connection;
}

/** Asks SunCo whether the credentials still work (tokenInfo for OAuth, GetApp for keys) and records the answer. */
export async function testConnection(ctx: MemberContext, connectionId: string) {
  assertAdmin(ctx);
  const connection = await findConnection(ctx, connectionId);
  if (connection.state === "revoked") throw new UpstreamError("This connection was disconnected; connect it again instead.", 409, "revoked");
  try {
    await fetchConnectedApp(connection);
  } catch (error) {
    if (error instanceof SuncoError && error.kind === "auth") {
      await setConnectionState(connection, "needs_reauth", "SunCo refused the credentials when tested. Reconnect to restore access.", ctx);
      return { ok: false as const, message: "SunCo refused the credentials. Reconnect to restore access." };
    }
    await db().connection.update({ where: { id: connection.id }, data: { lastCheckedAt: new Date() } });
    return { ok: false as const, message: `SunCo could not be reached: ${(error as Error).message}` };
  }
  await db().connection.update({ where: { id: connection.id }, data: { lastCheckedAt: new Date() } });
  if (connection.state !== "active" && connection.webhookId) await setConnectionState(connection, "active", null, ctx);
  return { ok: true as const, message: "SunCo accepted the credentials." };
}

/**
 * Withdraws Sunbridge's access: OAuth → SunCo revokes the token (and deletes its webhooks); API key → the
 * custom integration we created is deleted (with its webhook). Stored secrets are then erased; the
 * conversation history stays, read-only. If SunCo cannot be told, nothing changes here and the error shows.
 */
export async function disconnectConnection(ctx: MemberContext, connectionId: string) {
  assertAdmin(ctx);
  const connection = await findConnection(ctx, connectionId);
  if (connection.state === "revoked" && !connection.encryptedAccessToken && !connection.encryptedApiKeySecret) return connection;
  return audited(
    ctx,
    {
      action: "connection.disconnected",
      connectionId,
      target: `${connection.appName} (${connection.appId})`,
      before: { state: connection.state, webhookId: connection.webhookId, integrationId: connection.integrationId },
      after: () => ({ state: "revoked", secrets: "erased" }),
    },
    async () => {
      await withdrawAccess(connection);
      forgetConnectionClient(connection.id);
      const { updated, deliveries } = await db().$transaction(async (tx) => {
        const updated = await tx.connection.update({
        where: { id: connection.id },
        data: {
          state: "revoked",
          stateReason: `Disconnected by ${ctx.actor.name}.`,
          stateChangedAt: new Date(),
          encryptedAccessToken: null,
          encryptedApiKeySecret: null,
          encryptedWebhookSecret: null,
          encryptedPreviousWebhookSecret: null,
          previousWebhookSecretExpiresAt: null,
          webhookId: null,
        },
        });
        return { updated, deliveries: await recordPartnerEventsWithPrisma(tx, connectionEvents(updated, connection)) };
      });
      await queueRecordedDeliveries(deliveries);
      return updated;
    },
  );
}

async function withdrawAccess(connection: Parameters<typeof clientForConnection>[0] & { integrationId: string | null }) {
  const hasCredentials = connection.encryptedAccessToken || connection.encryptedApiKeySecret;
  if (!hasCredentials) return;
  const client = clientForConnection(connection);
  try {
    if (connection.authType === "oauth") await client.oauth.revokeAccess();
    else if (connection.integrationId) await client.integrations.delete(connection.integrationId);
  } catch (error) {
    // Already gone on SunCo's side (revoked in Zendesk, integration deleted): nothing left to withdraw.
    if (error instanceof SuncoError && (error.kind === "auth" || error.kind === "not_found")) return;
    throw error;
  }
}
