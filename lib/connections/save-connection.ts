// Storing a connection after SunCo vouched for it: create or update the organization's row for that app
// (reconnect, never a duplicate), seal its secrets, provision its webhook, and record all of it.
import { audited, type AuditActor } from "@/lib/audit/record";
import type { MemberContext } from "@/lib/auth/require-member";
import { db, Prisma } from "@/lib/db";
import type { ConnectionAuthType } from "@/lib/db/generated/enums";
import { ConflictError } from "@/lib/errors";
import { queueRecordedDeliveries, recordPartnerEventsWithPrisma } from "@/lib/partner-events";
import type { SuncoClient } from "@/lib/sunco";
import { provisionCustomIntegrationWebhook, provisionOAuthWebhook } from "./provision-webhook";
import { connectionEvents } from "./connection-events";
import { sealConnectionSecret } from "./secrets";
import { clientForConnection } from "./sunco-access";

export interface VerifiedApp {
  appId: string;
  appName: string;
  subdomain: string | null;
  region: string | null;
}

export type VerifiedCredentials =
  | { authType: "oauth"; accessToken: string }
  | { authType: Exclude<ConnectionAuthType, "oauth">; apiKeyId: string; apiKeySecret: string };

/**
 * On whose behalf a connection is saved: a member, or a connect link's visitor (no account: `userId` null, the
 * audit names the link). `externalId` tags the connection with the partner's id for the tenant.
 */
export interface Connector {
  organizationId: string;
  userId: string | null;
  audit: AuditActor;
  externalId?: string;
}

export const memberConnector = (ctx: MemberContext): Connector => ({ organizationId: ctx.organization.id, userId: ctx.actor.id, audit: ctx });

export const APP_HELD_ELSEWHERE =
  "This Zendesk app is already connected to another organization in Sunbridge. An owner there must disconnect it first.";

/** One live connection per SunCo app across organizations (also enforced by a unique index). */
async function assertNotHeldElsewhere(organizationId: string, appId: string) {
  const holder = await db().connection.findFirst({
    where: { appId, state: { not: "revoked" }, organizationId: { not: organizationId } },
    select: { id: true },
  });
  if (holder) throw new ConflictError(APP_HELD_ELSEWHERE);
}

function sealed(connectionId: string, credentials: VerifiedCredentials) {
  return credentials.authType === "oauth"
    ? {
        encryptedAccessToken: sealConnectionSecret(connectionId, "encryptedAccessToken", credentials.accessToken),
        apiKeyId: null,
        encryptedApiKeySecret: null,
      }
    : {
        encryptedAccessToken: null,
        apiKeyId: credentials.apiKeyId,
        encryptedApiKeySecret: sealConnectionSecret(connectionId, "encryptedApiKeySecret", credentials.apiKeySecret),
      };
}

/** The partner's id names one connection of the organization: another app's connection holding it is a conflict. */
async function assertExternalIdFree(tx: Prisma.TransactionClient, who: Connector, appId: string) {
  if (!who.externalId) return;
  const holder = await tx.connection.findFirst({
    where: { organizationId: who.organizationId, externalId: who.externalId, appId: { not: appId } },
    select: { appName: true },
  });
  if (holder) throw new ConflictError(`The connection of ${holder.appName} already has the external id "${who.externalId}". Ask the partner for a link with another id.`);
}

async function upsertConnection(who: Connector, app: VerifiedApp, credentials: VerifiedCredentials) {
  await assertNotHeldElsewhere(who.organizationId, app.appId);
  try {
    return await db().$transaction(async (tx) => {
      await assertExternalIdFree(tx, who, app.appId);
      const existing = await tx.connection.findUnique({
        where: { organizationId_appId: { organizationId: who.organizationId, appId: app.appId } },
      });
      const row =
        existing ??
        (await tx.connection.create({
          data: {
            organizationId: who.organizationId,
            appId: app.appId,
            appName: app.appName,
            authType: credentials.authType,
            connectedById: who.userId,
          },
        }));
      const updated = await tx.connection.update({
        where: { id: row.id },
        data: {
          appName: app.appName,
          subdomain: app.subdomain,
          region: app.region,
          authType: credentials.authType,
          connectedById: who.userId,
          ...(who.externalId ? { externalId: who.externalId } : {}),
          ...sealed(row.id, credentials),
          state: "active",
          stateReason: null,
          stateChangedAt: new Date(),
          lastCheckedAt: new Date(),
        },
      });
      const deliveries = await recordPartnerEventsWithPrisma(tx, connectionEvents(updated, existing));
      return { connection: updated, reconnected: existing !== null, previous: existing, deliveries };
    });
  } catch (error) {
    // Another organization connected the same app a moment ago: the partial unique index refused this one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ConflictError(APP_HELD_ELSEWHERE);
    throw error;
  }
}

async function provision(client: SuncoClient, connection: { id: string; authType: ConnectionAuthType; integrationId: string | null }) {
  return connection.authType === "oauth"
    ? provisionOAuthWebhook(client, connection.id)
    : provisionCustomIntegrationWebhook(client, connection.id, connection.integrationId);
}

/**
 * Saves the connection and gives it its webhook. If SunCo refuses the webhook, the connection is kept (its
 * credentials are good) in the `error` state with SunCo's reason, so "Reconnect" can finish the job.
 */
export async function saveVerifiedConnection(who: MemberContext | Connector, app: VerifiedApp, credentials: VerifiedCredentials) {
  const connector = "actor" in who ? memberConnector(who) : who;
  const { connection, reconnected, previous, deliveries } = await upsertConnection(connector, app, credentials);
  await queueRecordedDeliveries(deliveries);
  const actor = connector.audit;
  const saved = await audited(
    actor,
    {
      action: reconnected ? "connection.reconnected" : "connection.connected",
      connectionId: connection.id,
      target: `${app.appName} (${app.appId})${connector.externalId ? ` for ${connector.externalId}` : ""}`,
      before: previous && { state: previous.state, authType: previous.authType, webhookId: previous.webhookId },
      after: (saved) => ({ state: saved.state, authType: saved.authType, webhookId: saved.webhookId, subdomain: saved.subdomain }),
    },
    async () => {
      try {
        const webhook = await provision(clientForConnection(connection), { ...connection, integrationId: previous?.integrationId ?? null });
        return await db().connection.update({
          where: { id: connection.id },
          data: {
            integrationId: webhook.integrationId,
            webhookId: webhook.webhookId,
            webhookTriggers: webhook.triggers,
            encryptedWebhookSecret: sealConnectionSecret(connection.id, "encryptedWebhookSecret", webhook.secret),
          },
        });
      } catch (error) {
        const failed = await db().$transaction(async (tx) => {
          const updated = await tx.connection.update({
            where: { id: connection.id },
            data: {
              state: "error",
              stateReason: `Connected, but SunCo refused the webhook: ${(error as Error).message}`,
              stateChangedAt: new Date(),
            },
          });
          return recordPartnerEventsWithPrisma(tx, connectionEvents(updated, connection));
        });
        await queueRecordedDeliveries(failed);
        throw error;
      }
    },
  );
  return { connection: saved, reconnected };
}
