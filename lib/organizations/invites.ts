// Invite links: an owner or admin creates one for a role; it works once, until it expires.
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { roleAtLeast, type MemberContext } from "@/lib/auth/require-member";
import { audited } from "@/lib/audit/record";
import { newAccountSchema } from "@/lib/auth/schemas";
import { setActiveOrganization, type ResolvedSession } from "@/lib/auth/sessions";
import { withThrottledHashing } from "@/lib/auth/throttle";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db/generated/enums";
import { env } from "@/lib/env";
import { ConflictError, ForbiddenError, NotFoundError } from "@/lib/errors";
import { roleSchema } from "./members";
import { translateDuplicateEmail, type NewAccount, type NewAccountRequest } from "./sign-up";

export const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

/** What the invite form sends. */
export const inviteSchema = z.object({ role: roleSchema });

/** A new account made from an invite link: the account's fields and the link's token. */
export const inviteAccountSchema = newAccountSchema.extend({ token: z.string() });

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export function inviteUrl(token: string) {
  return new URL(`/invite/${token}`, env().APP_URL).toString();
}

function assertCanGrant(ctx: MemberContext, role: Role) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError("Only owners and admins can invite people.");
  if (role === "owner" && ctx.role !== "owner") throw new ForbiddenError("Only owners can invite owners.");
}

/** The link is returned once; only its hash is stored. */
export async function createInvite(ctx: MemberContext, { role }: z.infer<typeof inviteSchema>) {
  assertCanGrant(ctx, role);
  const token = randomBytes(32).toString("base64url");
  const invite = await audited(
    ctx,
    { action: "invite.created", target: `${role} invite`, after: (created) => ({ role, expiresAt: created.expiresAt }) },
    () =>
      db().invite.create({
        data: {
          organizationId: ctx.organization.id,
          role,
          tokenHash: hashToken(token),
          createdById: ctx.actor.id,
          expiresAt: new Date(Date.now() + INVITE_LIFETIME_MS),
        },
      }),
  );
  return { id: invite.id, role, expiresAt: invite.expiresAt, url: inviteUrl(token) };
}

export async function listPendingInvites(ctx: MemberContext) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError();
  return db().invite.findMany({
    where: { organizationId: ctx.organization.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, role: true, expiresAt: true, createdAt: true, createdBy: { select: { name: true } } },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeInvite(ctx: MemberContext, inviteId: string) {
  if (!roleAtLeast(ctx.role, "admin")) throw new ForbiddenError();
  await audited(ctx, { action: "invite.revoked", target: inviteId }, async () => {
    const { count } = await db().invite.updateMany({
      where: { id: inviteId, organizationId: ctx.organization.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("That invite no longer exists.");
  });
}

export type InviteStatus = "valid" | "used" | "expired" | "revoked";

/** What the invite page shows before anyone accepts; null for a token that never existed. */
export async function describeInvite(token: string) {
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invite) return null;
  const status: InviteStatus = invite.acceptedAt
    ? "used"
    : invite.revokedAt
      ? "revoked"
      : invite.expiresAt <= new Date()
        ? "expired"
        : "valid";
  return { organizationId: invite.organizationId, organizationName: invite.organization.name, role: invite.role, status };
}

const UNUSABLE = "This invite link is invalid, expired, or already used. Ask for a new one.";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** Marks the invite used, atomically: of two simultaneous accepts, exactly one wins. */
async function claimInvite(tx: Tx, token: string, userId: string) {
  const tokenHash = hashToken(token);
  const { count } = await tx.invite.updateMany({
    where: { tokenHash, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    data: { acceptedAt: new Date(), acceptedById: userId },
  });
  if (count === 0) throw new ConflictError(UNUSABLE);
  return tx.invite.findUniqueOrThrow({ where: { tokenHash } });
}

/** A signed-in user joins the organization. */
export async function acceptInvite(token: string, userId: string) {
  return db().$transaction(async (tx) => {
    const invite = await claimInvite(tx, token, userId);
    const existing = await tx.membership.findUnique({
      where: { organizationId_userId: { organizationId: invite.organizationId, userId } },
    });
    if (existing) throw new ConflictError("You are already a member of this organization.");
    await tx.membership.create({ data: { organizationId: invite.organizationId, userId, role: invite.role } });
    return { organizationId: invite.organizationId };
  });
}

/** …and works in it from now on. */
export async function joinOrganization(session: ResolvedSession, token: string) {
  const { organizationId } = await acceptInvite(token, session.user.id);
  await setActiveOrganization(session.id, organizationId);
}

/** Someone new creates their account from the link and joins in the same step. */
export async function acceptInviteWithNewAccount(token: string, { name, email, password }: NewAccount, request: NewAccountRequest) {
  const attempt = { action: "invite", email, clientAddress: request.clientAddress } as const;
  const passwordHash = await withThrottledHashing(attempt, (hashing) => hashing.hash(password));
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({ data: { name, email, passwordHash } });
      const invite = await claimInvite(tx, token, user.id);
      await tx.membership.create({ data: { organizationId: invite.organizationId, userId: user.id, role: invite.role } });
      return { user: { id: user.id, email: user.email }, organizationId: invite.organizationId };
    });
  } catch (error) {
    throw translateDuplicateEmail(error);
  }
}
