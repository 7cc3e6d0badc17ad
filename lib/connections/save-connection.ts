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

async function upsertConnection(ctx: MemberContext, app: VerifiedApp, credentials: VerifiedCredentials) {
  await assertNotHeldElsewhere(ctx.organization.id, app.appId);
  try {
    return await db().$transaction(async (tx) => {
      const existing = await tx.connection.findUnique({
        where: { organizationId_appId: { organizationId: ctx.organization.id, appId: app.appId } },
      });
      const row =
        existing ??
        (await tx.connection.create({
          data: {
            organizationId: ctx.organization.id,
            appId: app.appId,
            appName: app.appName,
            authType: credentials.authType,
            connectedById: ctx.actor.id,
          },
        }));
      const updated = await tx.connection.update({
        where: { id: row.id },
        data: {
          appName: app.appName,
          subdomain: app.subdomain,
          region: app.region,
          authType: credentials.authType,
          connectedById: ctx.actor.id,
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
export async function saveVerifiedConnection(ctx: MemberContext, app: VerifiedApp, credentials: VerifiedCredentials) {
  const { connection, reconnected, previous, deliveries } = await upsertConnection(ctx, app, credentials);
  await queueRecordedDeliveries(deliveries);
  const actor: AuditActor = ctx;
  const saved = await audited(
    actor,
    {
      action: reconnected ? "connection.reconnected" : "connection.connected",
      connectionId: connection.id,
      target: `${app.appName} (${app.appId})`,
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
