// Installs begun in Zendesk: the marketplace sends the browser to our callback with a code and no state Sunbridge
// issued. The code is traded at once (codes expire in minutes) and the token kept, sealed, in an unclaimed
// installation bound to that browser by an httpOnly cookie (only its hash is stored), for at most an hour. A
// signed-in owner or admin in the same browser attaches it to one of their organizations, after which it is a
// connection like any other; an unclaimed one is revoked at SunCo when its hour is up.
import { recordAudit } from "@/lib/audit/record";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secret-box";
import { hashToken, newToken } from "@/lib/crypto/token";
import { db } from "@/lib/db";
import { ConflictError, ForbiddenError } from "@/lib/errors";
import { logger } from "@/lib/log";
import { recordSuncoCall } from "@/lib/observability/sunco-observer";
import { createSuncoClient, SuncoError } from "@/lib/sunco";
import { verifyAuthorizationCode } from "./connect-oauth";
import { saveVerifiedConnection } from "./save-connection";

export const INSTALL_COOKIE = "sunbridge-install";
export const INSTALLATION_LIFETIME_MS = 60 * 60 * 1000;
/** Installations revoked per sweep; the next sweep takes the rest. */
const SWEEP_BATCH = 50;

const sealToken = (id: string, token: string) => encryptSecret(token, `installation:${id}:accessToken`);
const openToken = (id: string, sealed: string) => decryptSecret(sealed, `installation:${id}:accessToken`);

/** The callback's install branch: trades the code and keeps the token; the browser id goes in INSTALL_COOKIE. */
export async function receiveInstallation(code: string): Promise<{ browserId: string; expiresAt: Date }> {
  const { app, accessToken } = await verifyAuthorizationCode(code);
  const browserId = newToken("sbi_");
  const expiresAt = new Date(Date.now() + INSTALLATION_LIFETIME_MS);
  await db().$transaction(async (tx) => {
    const row = await tx.unclaimedInstallation.create({
      data: { browserHash: hashToken(browserId), appId: app.appId, appName: app.appName, subdomain: app.subdomain, expiresAt },
    });
    await tx.unclaimedInstallation.update({ where: { id: row.id }, data: { encryptedAccessToken: sealToken(row.id, accessToken) } });
  });
  return { browserId, expiresAt };
}

export interface PendingInstallation {
  appId: string;
  appName: string;
  subdomain: string | null;
  expiresAt: Date;
}

function claimable(browserId: string | undefined, now = new Date()) {
  if (!browserId || browserId.length > 100) return null;
  return { browserHash: hashToken(browserId), claimedAt: null, revokedAt: null, expiresAt: { gt: now } };
}

/** The installation this browser holds, if it is still waiting; null otherwise. */
export async function pendingInstallation(browserId: string | undefined): Promise<PendingInstallation | null> {
  const where = claimable(browserId);
  if (!where) return null;
  return db().unclaimedInstallation.findFirst({ where, select: { appId: true, appName: true, subdomain: true, expiresAt: true } });
}

/** Attaches the browser's installation to the member's organization (they must be an owner or admin there). */
export async function claimInstallation(ctx: MemberContext, browserId: string | undefined) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins can connect Zendesk apps.");
  const where = claimable(browserId);
  const gone = () => new ConflictError("This installation is not waiting any more: it was claimed, or its hour ran out. Install again from Zendesk.");
  if (!where) throw gone();
  const row = await db().unclaimedInstallation.findFirst({ where });
  if (!row?.encryptedAccessToken) throw gone();
  // Taken once: the token leaves the table with the claim, and a second tab's claim finds nothing.
  const { count } = await db().unclaimedInstallation.updateMany({ where: { id: row.id, ...where }, data: { claimedAt: new Date(), encryptedAccessToken: null } });
  if (count === 0) throw gone();
  const accessToken = openToken(row.id, row.encryptedAccessToken);
  await recordAudit(ctx, { action: "connection.install_claimed", target: `${row.appName} (${row.appId})` });
  return saveVerifiedConnection(ctx, { appId: row.appId, appName: row.appName, subdomain: row.subdomain, region: null }, { authType: "oauth", accessToken });
}

/**
 * Revokes, at SunCo, the installations whose hour ran out unclaimed, and erases their tokens. `now` is the clock the
 * background work follows (the mounted sandbox's in tests). An app that one of our OAuth connections holds is left
 * alone at SunCo: revoking removes the whole integration, and with it that connection's access.
 */
export async function revokeExpiredInstallations(now: Date = new Date()): Promise<number> {
  const due = await db().unclaimedInstallation.findMany({
    where: { claimedAt: null, revokedAt: null, expiresAt: { lte: now } },
    orderBy: { expiresAt: "asc" },
    take: SWEEP_BATCH,
  });
  let revoked = 0;
  for (const row of due) {
    if (row.encryptedAccessToken && !(await heldByAConnection(row.appId))) {
      try {
        const client = createSuncoClient({
          appId: row.appId,
          credentials: { type: "oauth", accessToken: openToken(row.id, row.encryptedAccessToken) },
          region: row.subdomain ? { subdomain: row.subdomain } : undefined,
          observer: { onCall: recordSuncoCall },
        });
        await client.oauth.revokeAccess();
      } catch (error) {
        // Gone at SunCo already (the tenant removed it): nothing left to withdraw. Anything else: the next sweep retries.
        if (!(error instanceof SuncoError && (error.kind === "auth" || error.kind === "not_found"))) {
          logger().warn({ err: error, appId: row.appId }, "could not revoke an unclaimed installation at SunCo; retrying later");
          continue;
        }
      }
    }
    const { count } = await db().unclaimedInstallation.updateMany({ where: { id: row.id, revokedAt: null, claimedAt: null }, data: { revokedAt: new Date(), encryptedAccessToken: null } });
    revoked += count;
  }
  return revoked;
}

async function heldByAConnection(appId: string) {
  return (await db().connection.count({ where: { appId, authType: "oauth", state: { not: "revoked" } } })) > 0;
}
