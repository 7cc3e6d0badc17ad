// An organization's event endpoints: created with a signing secret shown once, edited, enabled or disabled, rotated
// (the old secret keeps signing during an overlap), deleted; every change audited. The secrets are sealed with the
// endpoint id and field bound in, like a connection's.
import { randomBytes } from "node:crypto";
import { audited } from "@/lib/audit/record";
import { requireAuthority, type ActorContext } from "@/lib/auth/actor";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db";
import { NotFoundError } from "@/lib/errors";
import type { CreateEndpointInput, RotateSecretInput, UpdateEndpointInput } from "./schemas";

type SecretField = "sealedSecret" | "sealedPreviousSecret";

const context = (endpointId: string, field: SecretField) => `event-endpoint:${endpointId}:${field}`;

export const sealEndpointSecret = (endpointId: string, field: SecretField, secret: string) => encryptSecret(secret, context(endpointId, field));
export const openEndpointSecret = (endpointId: string, field: SecretField, sealed: string) => decryptSecret(sealed, context(endpointId, field));

/** A Standard Webhooks secret: whsec_ and 32 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(32).toString("base64")}`;

/** Owners and admins in Sunbridge's pages; API keys with the manage scope. */
const MANAGE = { role: "admin", scope: "manage" } as const;

export function requireEndpointAuthority(ctx: ActorContext) {
  requireAuthority(ctx, MANAGE, "manage event endpoints");
}

export interface EndpointView {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  disabledReason: string | null;
  disabledAt: Date | null;
  failingSince: Date | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const VIEW = {
  id: true, url: true, description: true, eventTypes: true, enabled: true, disabledReason: true, disabledAt: true,
  failingSince: true, previousSecretExpiresAt: true, createdAt: true, updatedAt: true,
} as const;


export async function listEndpoints(ctx: ActorContext): Promise<EndpointView[]> {
  requireEndpointAuthority(ctx);
  return db().eventEndpoint.findMany({ where: { organizationId: ctx.organization.id }, select: VIEW, orderBy: { createdAt: "asc" } });
}

export async function getEndpoint(ctx: ActorContext, endpointId: string): Promise<EndpointView> {
  requireEndpointAuthority(ctx);
  const endpoint = await db().eventEndpoint.findFirst({ where: { id: endpointId, organizationId: ctx.organization.id }, select: VIEW });
  if (!endpoint) throw new NotFoundError("This event endpoint does not exist.");
  return endpoint;
}

/** Creates the endpoint; its secret is in the answer and nowhere else readable. */
export async function createEndpoint(ctx: ActorContext, input: CreateEndpointInput): Promise<{ endpoint: EndpointView; secret: string }> {
  requireEndpointAuthority(ctx);
  const secret = newSecret();
  return audited(
    ctx,
    { action: "event_endpoint.create", after: ({ endpoint }) => endpoint },
    () =>
      db().$transaction(async (tx) => {
        const created = await tx.eventEndpoint.create({
          data: { organizationId: ctx.organization.id, url: input.url, description: input.description, eventTypes: input.eventTypes, sealedSecret: "" },
          select: { id: true },
        });
        const endpoint = await tx.eventEndpoint.update({
          where: { id: created.id },
          data: { sealedSecret: sealEndpointSecret(created.id, "sealedSecret", secret) },
          select: VIEW,
        });
        return { endpoint, secret };
      }),
  );
}

/** Edits what is given; enabling clears the reason it was disabled and its failure streak. */
export async function updateEndpoint(ctx: ActorContext, input: UpdateEndpointInput): Promise<EndpointView> {
  const before = await getEndpoint(ctx, input.endpointId);
  const enabling = input.enabled === true && !before.enabled;
  const disabling = input.enabled === false && before.enabled;
  return audited(
    ctx,
    { action: "event_endpoint.update", target: before.id, before: before, after: (endpoint) => endpoint },
    () =>
      db().eventEndpoint.update({
        where: { id: before.id },
        data: {
          url: input.url,
          description: input.description,
          eventTypes: input.eventTypes,
          enabled: input.enabled,
          ...(enabling ? { disabledReason: null, disabledAt: null, failingSince: null } : {}),
          ...(disabling ? { disabledReason: "Disabled by a person.", disabledAt: new Date() } : {}),
        },
        select: VIEW,
      }),
  );
}

/** A new secret, shown once; the old one keeps signing alongside it for `overlapHours`. */
export async function rotateEndpointSecret(ctx: ActorContext, input: RotateSecretInput): Promise<{ endpoint: EndpointView; secret: string }> {
  const endpoint = await getEndpoint(ctx, input.endpointId);
  const secret = newSecret();
  return audited(
    ctx,
    { action: "event_endpoint.rotate_secret", target: endpoint.id, after: () => ({ overlapHours: input.overlapHours }) },
    () =>
      db().$transaction(async (tx) => {
        const current = await tx.eventEndpoint.findUniqueOrThrow({ where: { id: endpoint.id }, select: { sealedSecret: true } });
        const previous = openEndpointSecret(endpoint.id, "sealedSecret", current.sealedSecret);
        const overlapping = input.overlapHours > 0;
        const updated = await tx.eventEndpoint.update({
          where: { id: endpoint.id },
          data: {
            sealedSecret: sealEndpointSecret(endpoint.id, "sealedSecret", secret),
            sealedPreviousSecret: overlapping ? sealEndpointSecret(endpoint.id, "sealedPreviousSecret", previous) : null,
            previousSecretExpiresAt: overlapping ? new Date(Date.now() + input.overlapHours * 3_600_000) : null,
          },
          select: VIEW,
        });
        return { endpoint: updated, secret };
      }),
  );
}

/** Deletes the endpoint with its delivery log. */
export async function deleteEndpoint(ctx: ActorContext, endpointId: string): Promise<void> {
  const endpoint = await getEndpoint(ctx, endpointId);
  await audited(ctx, { action: "event_endpoint.delete", target: endpoint.id, before: endpoint }, async () => {
    await db().eventEndpoint.delete({ where: { id: endpoint.id } });
  });
}
