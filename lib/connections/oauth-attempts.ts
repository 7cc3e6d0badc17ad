// The OAuth `state`: one per "Connect Zendesk" click, bound to who clicked and where, usable once within
// ten minutes. Only its hash is stored; the callback must come back to the same signed-in user.
import type { MemberContext } from "@/lib/auth/require-member";
import { hashToken as hashState, newToken } from "@/lib/crypto/token";
import { db, deleteExpiredRows, sql, type SqlDriver } from "@/lib/db";

export const OAUTH_ATTEMPT_LIFETIME_MS = 10 * 60 * 1000;
/** An attempt is kept this long past its expiry, so that the page its failure sends someone to can still explain it. */
export const OAUTH_ATTEMPT_RETENTION_SECONDS = 24 * 60 * 60;

export async function startOAuthAttempt(ctx: MemberContext): Promise<{ state: string }> {
  const state = newToken();
  await db().oAuthAttempt.create({
    data: {
      stateHash: hashState(state),
      organizationId: ctx.organization.id,
      userId: ctx.actor.id,
      expiresAt: new Date(Date.now() + OAUTH_ATTEMPT_LIFETIME_MS),
    },
  });
  return { state };
}

export type OAuthAttemptRejection = "unknown" | "expired" | "used" | "other_user";

export const REJECTION_MESSAGES: Record<OAuthAttemptRejection, string> = {
  unknown: "This connection link is not one Sunbridge started. Start again from the Connections page.",
  expired: "This connection attempt took longer than ten minutes and expired. Start again from the Connections page.",
  used: "This connection link was already used. Start again from the Connections page if you need to reconnect.",
  other_user: "This connection was started by someone else. Start your own from the Connections page.",
};

/**
 * Claims the attempt for `userId` atomically: of two callbacks with the same state, one wins. A state that
 * belongs to someone else is rejected without being spent, so it cannot be burnt by a third party.
 */
export async function claimOAuthAttempt(
  state: string,
  userId: string,
): Promise<{ ok: true; attemptId: string; organizationId: string } | { ok: false; reason: OAuthAttemptRejection }> {
  const attempt = await db().oAuthAttempt.findUnique({ where: { stateHash: hashState(state) } });
  if (!attempt) return { ok: false, reason: "unknown" };
  if (attempt.userId !== userId) return { ok: false, reason: "other_user" };
  if (attempt.usedAt) return { ok: false, reason: "used" };
  if (attempt.expiresAt <= new Date()) return { ok: false, reason: "expired" };
  const { count } = await db().oAuthAttempt.updateMany({
    where: { id: attempt.id, usedAt: null },
    data: { usedAt: new Date() },
  });
  if (count === 0) return { ok: false, reason: "used" };
  return { ok: true, attemptId: attempt.id, organizationId: attempt.organizationId };
}

export async function recordAttemptFailure(attemptId: string, message: string) {
  await db().oAuthAttempt.update({ where: { id: attemptId }, data: { failureMessage: message.slice(0, 1000) } });
}

/** The failure of an attempt the user made, for the page they land on; null for anyone else's. */
export async function attemptFailure(attemptId: string, userId: string) {
  const attempt = await db().oAuthAttempt.findFirst({ where: { id: attemptId, userId }, select: { failureMessage: true } });
  return attempt?.failureMessage ?? null;
}

/** Deletes attempts a day past their expiry, in bounded chunks. */
export async function pruneOAuthAttempts(driver: SqlDriver = sql(), chunk?: number): Promise<number> {
  return deleteExpiredRows(
    driver,
    { table: "OAuthAttempt", key: "id", expiresAt: "expiresAt", graceSeconds: OAUTH_ATTEMPT_RETENTION_SECONDS },
    chunk,
  );
}
