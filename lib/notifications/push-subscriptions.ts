// Browsers' Web Push subscriptions, per member and device. The endpoint is outside input: https to a public host only
// (the partner-events address guard, checked again at every push), bounded in size, and one subscription per
// endpoint (a device re-subscribing, or passed to another member on a shared computer, moves to whoever saved it last).
import type { MemberContext } from "@/lib/auth/actor";
import { sql } from "@/lib/db";
import { InvalidInputError } from "@/lib/errors";
import { endpointUrlProblem } from "@/lib/partner-events";
import type { PushSubscriptionInput } from "./schemas";

/** A member's devices; more than this and the oldest goes. */
const MAX_SUBSCRIPTIONS_PER_MEMBER = 10;

export async function savePushSubscription(ctx: MemberContext, subscription: PushSubscriptionInput): Promise<void> {
  const problem = endpointUrlProblem(subscription.endpoint);
  if (problem) throw new InvalidInputError(`The push endpoint ${problem}.`, { endpoint: [problem] });
  await sql().transaction(async (tx) => {
    await tx.query(
      `INSERT INTO "PushSubscription" ("organizationId", "userId", "endpoint", "p256dh", "auth") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("endpoint") DO UPDATE SET "organizationId" = $1, "userId" = $2, "p256dh" = $4, "auth" = $5, "createdAt" = now()`,
      [ctx.organization.id, ctx.actor.id, subscription.endpoint, subscription.keys.p256dh, subscription.keys.auth],
    );
    await tx.query(
      `DELETE FROM "PushSubscription" WHERE "id" IN (
         SELECT "id" FROM "PushSubscription" WHERE "organizationId" = $1 AND "userId" = $2 ORDER BY "createdAt" DESC OFFSET $3)`,
      [ctx.organization.id, ctx.actor.id, MAX_SUBSCRIPTIONS_PER_MEMBER],
    );
  });
}

/** This device no longer wants pushes (only the member's own subscription can be removed). */
export async function removePushSubscription(ctx: MemberContext, endpoint: string): Promise<void> {
  await sql().query(`DELETE FROM "PushSubscription" WHERE "organizationId" = $1 AND "userId" = $2 AND "endpoint" = $3`, [ctx.organization.id, ctx.actor.id, endpoint]);
}
